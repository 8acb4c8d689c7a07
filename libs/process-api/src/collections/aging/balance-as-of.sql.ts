/**
 * `balance_changes`: per invoice, what moved its open balance after the end of the day
 * `asOf` (UTC, the SQL expression of a date): cash applied since and still applied is added
 * back, cash applied by then but reversed since is taken off again, credit memos (and the
 * write-offs booked as credit memos) issued since are added back. An invoice's open balance
 * as of that day is `open_balance + back`, rolled back from today's balance, so balances
 * recorded without application rows (opening balances) stay right. Reads for a past day only:
 * for today every balance is as it stands.
 */
function balanceChangesSince(asOf: string): string {
  const cut = `((${asOf}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
  return `
    balance_changes AS (
      SELECT invoice_id, sum(back) AS back FROM (
        SELECT invoice_id, amount + discount_amount + write_off_amount AS back
          FROM cash_applications WHERE created_at >= ${cut} AND status = 'applied'
        UNION ALL
        SELECT invoice_id, -(amount + discount_amount + write_off_amount)
          FROM cash_applications
         WHERE reversed_at >= ${cut} AND created_at < ${cut} AND status = 'reversed'
        UNION ALL
        SELECT invoice_id, total FROM credit_memos
         WHERE issue_date > ${asOf}::date AND status = 'issued'
      ) moved
      GROUP BY invoice_id
    )`;
}

/** How a statement reads invoices' open balances as of a day (`invoice` is their alias). */
export interface BalanceAsOf {
  /** `balance_changes AS (...),` to open the WITH list with; empty for today. */
  readonly cte: string;
  /** `FROM invoices <alias> ${join}`: every invoice, each joined to its changes; empty for today. */
  readonly join: string;
  /**
   * The FROM clause of the invoices that may have a balance that day, under their alias, with
   * their customer_id, currency, issue_date, due_date and open_balance: for today the open
   * items themselves (they carry those columns of their invoice, and hold only live invoices
   * with a balance: no invoice row is read); for a past day the invoices of the open items and
   * of those that moved since, joined to their changes. Each of the customers `customers`
   * selects (conditions on a customer_id column it is given), or of every customer. Never the
   * invoices settled before the day, however many the customers have.
   */
  readonly from: (customers: (column: string) => string[]) => string;
  /** True when the invoice counts that day: never a void or written-off one. */
  readonly live: string;
  /** The open balance that day. */
  readonly balance: string;
  /** True when the invoice counts that day for having a balance now or having moved since. */
  readonly hasBalance: string;
}

/** Today's balances as they stand, or (for a past `asOf` before `today`) rolled back. */
export function balanceAsOf(
  asOf: { parameter: string; day: string },
  today: string,
  invoice: string,
): BalanceAsOf {
  const where = (conditions: readonly string[]) =>
    conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const openItems = (customers: (column: string) => string[]) =>
    `SELECT o.invoice_id FROM receivable_open_items o ${where(customers('o.customer_id'))}`;
  const invoices = `JOIN invoices ${invoice} ON ${invoice}.id = held.invoice_id`;
  if (asOf.day >= today) {
    return {
      cte: '',
      join: '',
      from: (customers) =>
        `(SELECT o.invoice_id AS id, o.customer_id, o.currency, o.issue_date, o.due_date,
                 o.open_balance
            FROM receivable_open_items o ${where(customers('o.customer_id'))}) AS ${invoice}`,
      balance: `${invoice}.open_balance`,
      hasBalance: `${invoice}.open_balance <> 0`,
      // An open item is an invoice issued, partly paid or disputed, with a balance.
      live: 'true',
    };
  }
  return {
    cte: `${balanceChangesSince(asOf.parameter)},`,
    join: `LEFT JOIN balance_changes b ON b.invoice_id = ${invoice}.id`,
    from: (customers) =>
      `(${openItems(customers)}
        UNION SELECT m.invoice_id FROM balance_changes m JOIN invoices moved ON moved.id = m.invoice_id
        ${where(customers('moved.customer_id'))}) AS held ${invoices}
       LEFT JOIN balance_changes b ON b.invoice_id = ${invoice}.id`,
    balance: `${invoice}.open_balance + COALESCE(b.back, 0)`,
    hasBalance: `(${invoice}.open_balance <> 0 OR b.invoice_id IS NOT NULL)`,
    live: `${invoice}.status NOT IN ('void', 'written_off')`,
  };
}
