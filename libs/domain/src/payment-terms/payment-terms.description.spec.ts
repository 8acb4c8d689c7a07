import { parsePaymentTerms } from './payment-terms.parser';
import { describePaymentTerms } from './payment-terms.description';

describe('describePaymentTerms', () => {
  it.each([
    ['NET30', 'Payment due 30 days after the invoice date'],
    ['NET1', 'Payment due 1 day after the invoice date'],
    ['NET0', 'Payment due on the invoice date'],
    [
      '2/10 NET30',
      '2% discount if paid within 10 days of the invoice date; payment due 30 days after the invoice date',
    ],
    [
      '1.5/1 NET45',
      '1.5% discount if paid within 1 day of the invoice date; payment due 45 days after the invoice date',
    ],
    [
      '2/0 NET30',
      '2% discount if paid on the invoice date; payment due 30 days after the invoice date',
    ],
    ['EOM', 'Payment due at the end of the invoice month'],
    ['NET30 EOM', 'Payment due 30 days after the end of the invoice month'],
    [
      '2/10 EOM',
      '2% discount if paid within 10 days of the end of the invoice month; payment due 30 days after the end of the invoice month',
    ],
    ['DUE_ON_RECEIPT', 'Payment due on receipt of the invoice'],
    ['CIA', 'Cash in advance: payment due before shipment'],
    ['COD', 'Cash on delivery: payment due when the goods are delivered'],
  ])('%s -> %s', (code, expected) => {
    expect(describePaymentTerms(parsePaymentTerms(code))).toBe(expected);
  });
});
