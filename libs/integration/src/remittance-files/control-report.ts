import type { ControlTotal } from './remittance.model';

/** A file's control figures as its import reports them. */
export interface ControlReport {
  /** The file's own figures (trailers, group, account, batch and message totals), each listed. */
  readonly controlTotals: readonly Omit<ControlTotal, 'scope'>[];
  /**
   * The figures every payment declares, counted by name in the order first met: a bank file
   * carries one per payment, tens of thousands, all matched (a mismatch rejects the file).
   */
  readonly paymentControls: readonly { name: string; payments: number }[];
}

/** Lists the file's own control figures and counts those its payments declare. */
export function controlReport(controls: readonly ControlTotal[]): ControlReport {
  const controlTotals: Omit<ControlTotal, 'scope'>[] = [];
  const counted = new Map<string, number>();
  for (const { scope, ...control } of controls) {
    if (scope === 'file') controlTotals.push(control);
    else counted.set(control.name, (counted.get(control.name) ?? 0) + 1);
  }
  return {
    controlTotals,
    paymentControls: [...counted].map(([name, payments]) => ({ name, payments })),
  };
}
