import { controlReport } from './control-report';
import type { ControlTotal } from './remittance.model';

const figure = (
  scope: ControlTotal['scope'],
  name: string,
  location: string,
  amount = '10.00',
): ControlTotal => ({ scope, name, location, declared: amount, computed: amount });

describe('controlReport', () => {
  it("lists the file's own figures in order and counts the payments' figures by name", () => {
    const report = controlReport([
      figure('payment', 'entry total', 'Ntry[1]/Amt'),
      figure('payment', 'batch total', 'Ntry[1]/NtryDtls/Btch/TtlAmt'),
      figure('payment', 'entry total', 'Ntry[2]/Amt', '20.00'),
      figure('file', 'entries sum', 'TxsSummry/TtlNtries/Sum', '30.00'),
      figure('file', 'net entries', 'TxsSummry/TtlNtries/TtlNetNtry', '30.00'),
    ]);
    expect(report).toEqual({
      controlTotals: [
        {
          name: 'entries sum',
          location: 'TxsSummry/TtlNtries/Sum',
          declared: '30.00',
          computed: '30.00',
        },
        {
          name: 'net entries',
          location: 'TxsSummry/TtlNtries/TtlNetNtry',
          declared: '30.00',
          computed: '30.00',
        },
      ],
      paymentControls: [
        { name: 'entry total', payments: 2 },
        { name: 'batch total', payments: 1 },
      ],
    });
  });

  it('reports a file without figures, or with figures of one kind only', () => {
    expect(controlReport([])).toEqual({ controlTotals: [], paymentControls: [] });
    const x12 = controlReport(
      Array.from({ length: 3 }, (_, index) =>
        figure('payment', 'BPR02 vs RMR04 + ADX01', `segment ${index * 7 + 4}`),
      ),
    );
    expect(x12).toEqual({
      controlTotals: [],
      paymentControls: [{ name: 'BPR02 vs RMR04 + ADX01', payments: 3 }],
    });
  });
});
