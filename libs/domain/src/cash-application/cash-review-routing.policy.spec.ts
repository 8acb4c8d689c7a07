import { Decimal } from '../decimal/decimal';
import {
  CASH_APPLICATION_ROLE,
  CASH_REVIEW_SLA_HOURS,
  routeCashReview,
  UNIDENTIFIED_PAYER_SLA_HOURS,
} from './cash-review-routing.policy';

describe('routeCashReview', () => {
  it.each([
    ['150000.00', 1],
    ['100000.00', 1],
    ['99999.99', 2],
    ['25000.00', 2],
    ['24999.99', 3],
    ['100.00', 3],
    ['99.99', 4],
    ['0.01', 4],
  ])('puts %s in review at priority %i for the cash-application role', (amount, priority) => {
    expect(routeCashReview(new Decimal(amount), ['below-threshold'])).toEqual({
      role: CASH_APPLICATION_ROLE,
      priority,
      slaHours: CASH_REVIEW_SLA_HOURS,
    });
  });

  it('makes an unknown payer at least priority 2 with the longer research SLA', () => {
    expect(routeCashReview(new Decimal('50.00'), ['unidentified-payer'])).toEqual({
      role: CASH_APPLICATION_ROLE,
      priority: 2,
      slaHours: UNIDENTIFIED_PAYER_SLA_HOURS,
    });
    expect(routeCashReview(new Decimal('500000.00'), ['unidentified-payer']).priority).toBe(1);
  });

  it('weighs the whole amount in review whatever the mix of reasons', () => {
    expect(routeCashReview(new Decimal('30000.00'), ['no-match', 'ambiguous']).priority).toBe(2);
  });
});
