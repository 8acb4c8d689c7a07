import { ProblemException } from '@o2c/http';

type Bound = string | undefined;

/** A range filter whose lower bound lies after its upper bound is a client error, not an empty page. */
export function assertRange(
  query: object,
  from: string,
  to: string,
  kind: 'date' | 'date-time',
): void {
  const bounds = query as Record<string, Bound>;
  const lower = bounds[from];
  const upper = bounds[to];
  if (lower === undefined || upper === undefined) return;
  // Calendar dates compare as text; date-times may carry different offsets, so compare instants.
  const inverted = kind === 'date' ? lower > upper : Date.parse(lower) > Date.parse(upper);
  if (inverted) {
    throw ProblemException.invalid(`/query/${from}`, 'range', `${from} must not be after ${to}`);
  }
}
