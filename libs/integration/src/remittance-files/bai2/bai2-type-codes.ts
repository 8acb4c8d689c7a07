import type { RemittancePaymentMethod, SkippedEntry } from '../remittance.model';

/**
 * BAI2 type codes: 001-099 status, 100-399 credits, 400-699 debits, 700-799 loans, 900-919
 * custom status, 920-959 custom credits, 960-999 custom debits. Among credits, a few are not
 * money a customer sent (returned items, rejects, sweeps, interest); they are reported as
 * skipped so they never reach cash application.
 */
export type Bai2Direction = 'status' | 'credit' | 'debit' | 'other';

export function directionOf(typeCode: string): Bai2Direction {
  const code = Number(typeCode);
  if (code >= 1 && code <= 99) return 'status';
  if ((code >= 100 && code <= 399) || (code >= 920 && code <= 959)) return 'credit';
  if ((code >= 400 && code <= 699) || (code >= 960 && code <= 999)) return 'debit';
  return 'other';
}

const NOT_CUSTOMER_RECEIPTS: Readonly<Record<string, string>> = {
  '255': 'a returned check',
  '256': 'a returned item',
  '257': 'a returned ACH item',
  '258': 'a returned item adjustment',
  '261': 'a rejected ACH credit',
  '263': 'an ACH return',
  '266': 'a returned outgoing wire',
  '268': 'a returned item',
  '275': 'a zero-balance account sweep',
  '277': 'a zero-balance account adjustment',
  '354': 'interest',
};

/** Why a credit detail is not a customer receipt, or null when it may be one. */
export function notCustomerReceipt(
  typeCode: string,
): Pick<SkippedEntry, 'reason' | 'description'> | null {
  const what = NOT_CUSTOMER_RECEIPTS[typeCode];
  return what === undefined
    ? null
    : { reason: 'not-a-customer-receipt', description: `Type code ${typeCode}: ${what}` };
}

const METHODS: readonly (readonly [RemittancePaymentMethod, readonly string[]])[] = [
  ['lockbox', ['115', '116', '118']],
  ['ach', ['142', '143', '145', '147', '155', '156', '164', '165', '166', '167', '168', '169']],
  ['check', ['171', '172', '173', '174', '175', '176', '187', '301', '302', '303']],
  ['wire', ['191', '195', '196', '201', '206', '208', '212', '218']],
];

export function methodOf(typeCode: string): RemittancePaymentMethod {
  for (const [method, codes] of METHODS) if (codes.includes(typeCode)) return method;
  return 'other';
}
