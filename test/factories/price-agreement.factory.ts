/** A valid createPriceAgreement body for a USD customer and an item counted in EA. */
export function priceAgreementBody(
  customerId: string,
  itemId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    customerId,
    itemId,
    currency: 'USD',
    unitPrice: { amount: '0.85', currency: 'USD' },
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    breaks: [
      { minQuantity: '100', unitPrice: { amount: '0.80', currency: 'USD' } },
      { minQuantity: '1000', unitPrice: { amount: '0.72', currency: 'USD' } },
    ],
    ...overrides,
  };
}
