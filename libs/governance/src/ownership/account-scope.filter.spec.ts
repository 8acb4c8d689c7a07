import { DataSource } from 'typeorm';
import {
  accountScopeCondition,
  accountScopeWhere,
  restrictToAccountScope,
} from './account-scope.filter';

const A = '0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0001';
const B = '0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0002';

describe('account scope restriction', () => {
  // Never connected: the query builder only renders SQL here.
  const dataSource = new DataSource({ type: 'postgres' });
  const paymentsQuery = () =>
    dataSource
      .createQueryBuilder()
      .select('payment.id')
      .from('payments', 'payment')
      .where('payment.status = :status', { status: 'received' });

  it('adds nothing for internal staff, who see every account', () => {
    expect(accountScopeCondition('payment.customer_id', 'all')).toBeUndefined();
    expect(accountScopeWhere('customerId', 'all')).toEqual({});
    const builder = paymentsQuery();
    const before = builder.getQuery();
    expect(restrictToAccountScope(builder, 'payment.customer_id', 'all').getQuery()).toBe(before);
  });

  it('ANDs "owner is one of the accounts" onto the query, keeping its filters', () => {
    const builder = restrictToAccountScope(paymentsQuery(), 'payment.customer_id', [A, B]);
    const [sql, parameters] = builder.getQueryAndParameters();
    expect(sql).toMatch(/WHERE payment\.status = \$1 AND payment\.customer_id = ANY\(\$2\)/);
    expect(parameters).toEqual(['received', [A, B]]);
  });

  it('matches nothing for a principal bound to no account', () => {
    expect(accountScopeCondition('invoice.customer_id', [])).toEqual({
      condition: 'invoice.customer_id = ANY(:accountScope)',
      parameters: { accountScope: [] },
    });
  });

  it('works through a scalar subquery when ownership runs through a parent row', () => {
    const owner = '(SELECT o.customer_id FROM sales_orders o WHERE o.id = shipment.order_id)';
    const restriction = accountScopeCondition(owner, [A]);
    expect(restriction?.condition).toBe(`${owner} = ANY(:accountScope)`);
  });

  it('gives find options a raw condition on the owning column, with a copy of the ids', () => {
    const accounts = [A];
    const where = accountScopeWhere('customerId', accounts);
    const operator = where.customerId;
    expect(operator?.type).toBe('raw');
    expect(operator?.getSql?.('"Payment"."customer_id"')).toBe(
      '"Payment"."customer_id" = ANY(:accountScope)',
    );
    expect(operator?.objectLiteralParameters).toEqual({ accountScope: [A] });
    accounts.push(B);
    expect(operator?.objectLiteralParameters).toEqual({ accountScope: [A] });
  });
});
