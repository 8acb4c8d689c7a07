/**
 * `balance_changes`: per invoice, what moved its open balance after the end of the day
 * `asOf` (UTC, the SQL expression of a date): cash applied since and still applied is added
 * back, cash applied by then but reversed since is taken off again, credit memos (and the
 * write-offs booked as credit memos) issued since are added back. An invoice's open balance
 * as of that day is `open_balance + back`, rolled back from today's balance, so balances
 * recorded without application rows (opening balances) stay right. Reads for a past day only:
 * for today every balance is as it stands.
 */
export function balanceChangesSince(asOf: string): string {
  const cut = `((${asOf}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
  return `
    balance_changes AS (
      SELECT invoice_id, sum(back) AS back FROM (
        SELECT invoice_id, amount + discount_amount + write_off_amount AS back
          FROM cash_applications WHERE created_at >= ${cut} AND status = 'applied'
        UNION ALL
        SELECT invoice_id, -(amount + discount_amount + write_off_amount)
          FROM cash_applications
         WHERE created_at < ${cut} AND status = 'reversed' AND reversed_at >= ${cut}
        UNION ALL
        SELECT invoice_id, total FROM credit_memos
         WHERE issue_date > ${asOf}::date AND status = 'issued'
      ) moved
      GROUP BY invoice_id
    )`;
}
