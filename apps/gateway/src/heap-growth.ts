import { setFlagsFromString } from 'node:v8';

/**
 * How far the heap may grow past what the last full collection kept before the next one:
 * at most twice (V8's own factor goes up to four). A large remittance import allocates
 * gigabytes of short-lived rows and objects; with the default the gateway's resident memory
 * climbed past 1 GiB on a 100,000-line file while under 150 MiB of it was live. Twice keeps
 * that import near 650 MiB, for a few more (short, incremental) full collections.
 */
export const HEAP_GROWING_PERCENT = 100;

/** Sets the growth limit for this process; V8 reads it at every full collection. */
export function limitHeapGrowth(percent: number = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
