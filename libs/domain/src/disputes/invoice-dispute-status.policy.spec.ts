import { Decimal } from '../decimal/decimal';
import { invoiceStatusWithDisputes } from './invoice-dispute-status.policy';

const state = (status: string, open: string, applied: string, liveDisputes: number) => ({
  status,
  openBalance: new Decimal(open),
  amountApplied: new Decimal(applied),
  liveDisputes,
});

describe('invoiceStatusWithDisputes', () => {
  it.each([
    [state('issued', '100', '0', 1), 'disputed'],
    [state('partially_paid', '40', '60', 1), 'disputed'],
    [state('disputed', '40', '60', 2), 'disputed'],
    // The last dispute closed with the balance still open: back to what the balances say.
    [state('disputed', '40', '60', 0), 'partially_paid'],
    [state('disputed', '100', '0', 0), 'issued'],
    // Written off or credited to zero: settled.
    [state('disputed', '0', '60', 0), 'paid'],
    [state('disputed', '0', '0', 0), 'issued'],
    // A live dispute over a balance already settled does not make it disputed again.
    [state('paid', '0', '100', 1), 'paid'],
    [state('issued', '0', '0', 1), 'issued'],
    [state('void', '100', '0', 1), 'void'],
    [state('written_off', '100', '0', 0), 'written_off'],
  ])('%j -> %s', (input, expected) => {
    expect(invoiceStatusWithDisputes(input)).toBe(expected);
  });
});
