import type { DisputeCategory } from './cash-application.types';

/**
 * X12 element 426 (Adjustment Reason Code, used in 820 ADX and RMR segments) to the dispute
 * categories a deductions team works by. Codes not listed fall back to the text, then 'other'.
 */
const X12_ADJUSTMENT_REASONS: Readonly<Record<string, readonly [DisputeCategory, string]>> = {
  '01': ['pricing', 'Pricing error'],
  '02': ['pricing', 'Allowance/charge error'],
  '03': ['pricing', 'Extension error'],
  '04': ['damage', 'Item not accepted - damaged'],
  '05': ['damage', 'Item not accepted - quality'],
  '06': ['shortage', 'Quantity contested'],
  '07': ['returns', 'Incorrect product'],
  '08': ['other', 'Substitute product'],
  '09': ['pricing', 'Terms of sale error'],
  '10': ['pricing', 'Pallet/container charge error'],
  '11': ['returns', 'Returns - damage'],
  '12': ['returns', 'Returns - quality'],
  '13': ['returns', 'Returns - dating'],
  '14': ['returns', 'Returns - promotion'],
  '15': ['returns', 'Returns - recall'],
  '16': ['promotion', 'Non-invoice related allowance/charge'],
  '19': ['other', 'Duplicate billing'],
  '22': ['shortage', 'Weight error'],
  '23': ['pricing', 'Special charge not authorized'],
  '24': ['pricing', 'Incorrect discount'],
  '25': ['other', 'Item not accepted'],
  '26': ['other', 'Invoice cancelled'],
  '29': ['pricing', 'Fee incorrect'],
  '30': ['pricing', 'Delivery charge incorrect'],
  '41': ['other', 'Item not accepted - delay'],
  '42': ['shortage', 'Item not accepted - loss'],
  '43': ['pricing', 'Missing discount'],
  '46': ['pricing', 'Transportation charge incorrect'],
  '54': ['pricing', 'Freight deducted'],
  '55': ['pricing', 'Tax deducted'],
  '56': ['promotion', 'Advertising allowance taken'],
  '57': ['promotion', 'Volume discount taken'],
  '59': ['shortage', 'Item not received'],
};

/** Words payers and banks put in adjustment descriptions and proprietary reason codes. */
const KEYWORDS: readonly (readonly [RegExp, DisputeCategory])[] = [
  [/\b(PROMO\w*|CO-?OP|MDF|ADVERTIS\w*|ALLOWANCE|REBATE|SLOTTING|DISPLAY)\b/, 'promotion'],
  [/\b(RETURN\w*|RTN|RMA|RECALL)\b/, 'returns'],
  [/\b(DAMAGE\w*|DMG|BROKEN|DEFECT\w*|QUALITY)\b/, 'damage'],
  [/\b(SHORT\w*|SHT|MISSING|NOT RECEIVED|QTY|QUANTITY|UNDER-?SHIP\w*)\b/, 'shortage'],
  [/\b(PRIC\w*|PRC|COST|FREIGHT|TAX|DISCOUNT|TERMS|OVERCHARGE\w*)\b/, 'pricing'],
];

/** Code used when the payer took an early-payment discount the terms did not give them. */
export const UNEARNED_DISCOUNT_CODE = 'UNEARNED_DISCOUNT';

export interface DeductionCategory {
  readonly category: DisputeCategory;
  readonly source: 'x12-426' | 'unearned-discount' | 'text' | 'default';
  readonly description: string;
}

/**
 * The dispute category of a short payment: the X12 426 code when it is one, otherwise words in
 * the code or the payer's text, otherwise 'other'. An unearned discount is a terms dispute,
 * filed under pricing like X12 codes 09 and 24.
 */
export function deductionCategory(
  reasonCode: string | null,
  text: string | null = null,
): DeductionCategory {
  const code = reasonCode?.trim().toUpperCase() ?? '';
  if (code === UNEARNED_DISCOUNT_CODE) {
    return {
      category: 'pricing',
      source: 'unearned-discount',
      description:
        'Early-payment discount not earned: taken after the discount deadline or beyond the terms',
    };
  }
  const x12 = X12_ADJUSTMENT_REASONS[/^\d$/.test(code) ? `0${code}` : code];
  if (x12 !== undefined) {
    return { category: x12[0], source: 'x12-426', description: `X12 426 ${code}: ${x12[1]}` };
  }
  const words = `${code} ${text ?? ''}`.toUpperCase();
  for (const [pattern, category] of KEYWORDS) {
    const found = pattern.exec(words);
    if (found !== null) {
      return { category, source: 'text', description: `"${found[0]}" in the payer's reason` };
    }
  }
  return {
    category: 'other',
    source: 'default',
    description: code === '' ? 'No reason given by the payer' : `Unknown reason code ${code}`,
  };
}
