import { Decimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from '../money/currency.table';
import { formatAmount, moneyOf } from '../money/money';

/** A step of the dunning ladder: from `minDaysOverdue` on, this notice is due. */
export interface DunningLevel {
  readonly level: number;
  readonly name: string;
  readonly minDaysOverdue: number;
  /**
   * The message, with placeholders {customerName}, {invoiceNumber}, {amount}, {dueDate} and
   * {daysOverdue}.
   */
  readonly message: string;
}

/** A distributor's usual ladder: a reminder, a second notice, a final notice, then collections. */
export const DEFAULT_DUNNING_LEVELS: readonly DunningLevel[] = Object.freeze([
  {
    level: 1,
    name: 'reminder',
    minDaysOverdue: 1,
    message:
      'Dear {customerName}, invoice {invoiceNumber} for {amount} was due on {dueDate}. If you have already paid, please ignore this reminder.',
  },
  {
    level: 2,
    name: 'second-notice',
    minDaysOverdue: 15,
    message:
      'Dear {customerName}, invoice {invoiceNumber} for {amount} is now {daysOverdue} days overdue. Please pay it or tell us what is holding it up.',
  },
  {
    level: 3,
    name: 'final-notice',
    minDaysOverdue: 30,
    message:
      'Dear {customerName}, invoice {invoiceNumber} for {amount} is {daysOverdue} days overdue. Unless it is paid within 10 days, new orders will be held.',
  },
  {
    level: 4,
    name: 'collections',
    minDaysOverdue: 60,
    message:
      'Dear {customerName}, invoice {invoiceNumber} for {amount}, due on {dueDate}, has been passed to our collections team; new orders are on hold.',
  },
]);

/** Rejects a ladder whose levels are not 1, 2, 3... with strictly increasing day thresholds. */
export function validateDunningLevels(levels: readonly DunningLevel[]): void {
  if (levels.length === 0) throw invalid('levels', 'needs at least one level');
  levels.forEach((step, index) => {
    const field = `levels[${index}]`;
    if (step.level !== index + 1) throw invalid(`${field}.level`, `must be ${index + 1}`);
    if (!Number.isSafeInteger(step.minDaysOverdue) || step.minDaysOverdue < 1) {
      throw invalid(`${field}.minDaysOverdue`, 'must be a whole number of days, at least 1');
    }
    const previous = levels[index - 1];
    if (previous !== undefined && step.minDaysOverdue <= previous.minDaysOverdue) {
      throw invalid(`${field}.minDaysOverdue`, 'must be above the previous level');
    }
    if (step.name.trim() === '' || step.message.trim() === '') {
      throw invalid(field, 'needs a name and a message');
    }
  });
}

/** The level an invoice this many days overdue has reached; null when not overdue enough. */
export function dunningLevelFor(
  daysOverdue: number,
  levels: readonly DunningLevel[] = DEFAULT_DUNNING_LEVELS,
): DunningLevel | null {
  if (!Number.isSafeInteger(daysOverdue)) {
    throw invalid('daysOverdue', 'must be a whole number of days');
  }
  let reached: DunningLevel | null = null;
  for (const step of levels) if (daysOverdue >= step.minDaysOverdue) reached = step;
  return reached;
}

/**
 * The notice to send now, or null: the level reached, only when above the last level sent.
 * A notice is never sent twice for one level, and an invoice first seen deep overdue gets the
 * level it has reached, not every level below it.
 */
export function nextDunningNotice(
  daysOverdue: number,
  lastLevelSent: number,
  levels: readonly DunningLevel[] = DEFAULT_DUNNING_LEVELS,
): DunningLevel | null {
  if (!Number.isSafeInteger(lastLevelSent) || lastLevelSent < 0) {
    throw invalid('lastLevelSent', 'must be a whole number, 0 when nothing was sent');
  }
  const reached = dunningLevelFor(daysOverdue, levels);
  return reached !== null && reached.level > lastLevelSent ? reached : null;
}

export interface DunningMessageValues {
  readonly customerName: string;
  readonly invoiceNumber: string;
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
  readonly dueDate: string;
  readonly daysOverdue: number;
}

/** The level's message with the invoice's figures filled in ("1,250.00 USD" style: "1250.00 USD"). */
export function renderDunningMessage(level: DunningLevel, values: DunningMessageValues): string {
  const amount = `${formatAmount(moneyOf(new Decimal(values.amount), values.currency))} ${values.currency}`;
  const fields: Record<string, string> = {
    customerName: values.customerName,
    invoiceNumber: values.invoiceNumber,
    amount,
    dueDate: values.dueDate,
    daysOverdue: String(values.daysOverdue),
  };
  return level.message.replace(/\{(\w+)\}/g, (whole, name: string) => fields[name] ?? whole);
}

function invalid(field: string, rule: string): DomainError {
  return new DomainError(DomainErrorCode.COLLECTIONS_INVALID_INPUT, `${field} ${rule}`, field);
}
