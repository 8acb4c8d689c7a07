import { assertValidOptions, generateDemoData } from '../generate/demo-data.generator';
import type { DemoDataOptions } from '../model/demo-data.types';
import { DemoDataError, DemoDataErrorCode } from './demo-data.errors';
import {
  analyzeDemoTables,
  assertDemoSchema,
  countExistingRows,
  type DemoDataCounts,
  hasDemoTablesData,
  inLockedTransaction,
  notEmptyError,
  withClient,
  writeDemoData,
} from './demo-data.session';

/** The demo set `npm start` loads: small enough to load in about a second. */
export const DEFAULT_DEMO_DATA = { customers: 200, items: 2_000, seed: 42 } as const;

export interface SeedDemoDataOptions {
  customers: number;
  items: number;
  /** Defaults to DEFAULT_DEMO_DATA.seed. */
  seed?: number;
  /** Date agreement validity is placed around; defaults to today (UTC). Fix it for identical reruns. */
  asOf?: string;
  /** Rows per INSERT statement (default 5,000). */
  batchSize?: number;
}

export interface SeedDemoDataResult {
  counts: DemoDataCounts;
  generateMs: number;
  loadMs: number;
  /** Total, including ANALYZE. */
  ms: number;
}

export interface SeedDemoDataOnceResult {
  loaded: boolean;
  /** Rows loaded, or when `loaded` is false the rows already there. */
  customers: number;
  items: number;
  ms: number;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function resolveOptions(options: SeedDemoDataOptions): DemoDataOptions {
  const resolved = {
    customers: options.customers,
    items: options.items,
    seed: options.seed ?? DEFAULT_DEMO_DATA.seed,
    asOf: options.asOf ?? today(),
  };
  try {
    assertValidOptions(resolved);
  } catch (error) {
    throw new DemoDataError(DemoDataErrorCode.INVALID_OPTIONS, (error as Error).message);
  }
  return resolved;
}

const elapsed = (since: number) => Math.round(performance.now() - since);

/**
 * Generates and loads a demo data set into empty tables, all in one transaction: either every
 * row is there afterwards or none is. Throws DemoDataError NOT_EMPTY (writing nothing) when
 * customers, items or warehouses already hold rows, SCHEMA_MISMATCH when migrations are missing.
 */
export async function seedDemoData(
  databaseUrl: string,
  options: SeedDemoDataOptions,
): Promise<SeedDemoDataResult> {
  const started = performance.now();
  const resolved = resolveOptions(options);
  return withClient(databaseUrl, async (client) => {
    await assertDemoSchema(client);
    // Fail before spending seconds on generation; re-checked under the lock below.
    if (await hasDemoTablesData(client)) throw notEmptyError(await countExistingRows(client));
    const generating = performance.now();
    const data = generateDemoData(resolved);
    const generateMs = elapsed(generating);

    const loading = performance.now();
    const counts = await inLockedTransaction(client, async () => {
      if (await hasDemoTablesData(client)) throw notEmptyError(await countExistingRows(client));
      return writeDemoData(client, data, options.batchSize);
    });
    const loadMs = elapsed(loading);
    await analyzeDemoTables(client);
    return { counts, generateMs, loadMs, ms: elapsed(started) };
  });
}

/**
 * Loads the default demo set only when the demo tables are empty, e.g. at every boot. Safe
 * against concurrent callers: the emptiness check is repeated under an advisory lock inside
 * the loading transaction, so exactly one process loads and the others return loaded: false.
 */
export async function seedDemoDataOnce(
  databaseUrl: string,
  options: Partial<SeedDemoDataOptions> = {},
): Promise<SeedDemoDataOnceResult> {
  const started = performance.now();
  const resolved = resolveOptions({
    ...options,
    customers: options.customers ?? DEFAULT_DEMO_DATA.customers,
    items: options.items ?? DEFAULT_DEMO_DATA.items,
  });
  return withClient(databaseUrl, async (client) => {
    await assertDemoSchema(client);
    const skipped = async (): Promise<SeedDemoDataOnceResult> => {
      const existing = await countExistingRows(client);
      return {
        loaded: false,
        customers: existing.customers,
        items: existing.items,
        ms: elapsed(started),
      };
    };
    if (await hasDemoTablesData(client)) return skipped();

    const data = generateDemoData(resolved);
    const counts = await inLockedTransaction(client, async () =>
      (await hasDemoTablesData(client)) ? null : writeDemoData(client, data, options.batchSize),
    );
    if (counts === null) return skipped();
    await analyzeDemoTables(client);
    return { loaded: true, customers: counts.customers, items: counts.items, ms: elapsed(started) };
  });
}
