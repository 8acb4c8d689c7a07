import { ProblemException } from '@o2c/http';

/** Range filters include both bounds; `from` after `to` is a client mistake (400, rule `range`). */
export function assertRange(
  from: string | undefined,
  to: string | undefined,
  fromName: string,
  toName: string,
): void {
  if (from === undefined || to === undefined || from <= to) return;
  throw ProblemException.invalid(
    `/query/${fromName}`,
    'range',
    `${fromName} must not be after ${toName}`,
  );
}
