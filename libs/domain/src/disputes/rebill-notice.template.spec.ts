import { Decimal } from '../decimal/decimal';
import { renderRebillNotice } from './rebill-notice.template';

describe('renderRebillNotice', () => {
  it('says what was rejected, why, and what to pay by when', () => {
    expect(
      renderRebillNotice({
        customerName: 'Acme Hardware',
        disputeNumber: 'DSP-00000042',
        invoiceNumber: 'INV-00001234',
        amount: new Decimal('40'),
        currency: 'USD',
        payBy: '2026-07-10',
        reason: 'Proof of delivery shows all 10 cases signed for.  ',
      }),
    ).toBe(
      'Dear Acme Hardware, we have reviewed dispute DSP-00000042 on invoice INV-00001234 and ' +
        'cannot accept it: Proof of delivery shows all 10 cases signed for. The disputed 40.00 ' +
        'USD remains due; please pay it by 2026-07-10.',
    );
  });

  it('writes amounts at the currency minor units', () => {
    const text = renderRebillNotice({
      customerName: 'K',
      disputeNumber: 'D',
      invoiceNumber: 'I',
      amount: new Decimal('1250'),
      currency: 'JPY',
      payBy: '2026-01-01',
      reason: 'no',
    });
    expect(text).toContain('The disputed 1250 JPY remains due');
  });
});
