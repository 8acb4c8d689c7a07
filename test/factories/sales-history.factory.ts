import type { DataSource } from 'typeorm';
import { insertSalesGraph, type SalesGraph } from './sales-records.factory';

export type SalesHistory = [SalesGraph, SalesGraph, SalesGraph];

/**
 * One account with three graphs, oldest first, that differ in every field the sales-records
 * lists filter on:
 *
 * | graph | created (UTC) | order    | channel     | requested  | shipment   | shipped    | issued     | due        | settled | value date |
 * | 0     | 01-10 08:00   | on_hold  | edi         | 2026-02-01 | delivered  | 01-11 9:00 | 2020-01-11 | 2020-02-10 | partial | 2026-02-01 |
 * | 1     | 01-20 08:00   | released | portal      | 2026-02-15 | in_transit | 01-21 9:00 | 2026-01-21 | 2026-02-20 | full    | 2026-02-15 |
 * | 2     | 01-30 08:00   | invoiced | partner_api | none       | shipped    | 01-31 9:00 | 2026-01-31 | 2099-12-31 | partial | 2026-03-01 |
 *
 * Created times end in one microsecond (.000001Z), which a JS Date cannot represent.
 */
export async function insertSalesHistory(dataSource: DataSource): Promise<SalesHistory> {
  const first = await insertSalesGraph(dataSource, {
    createdAt: '2026-01-10T08:00:00.000001Z',
    orderStatus: 'on_hold',
    channel: 'edi',
    requestedDate: '2026-02-01',
    shipmentStatus: 'delivered',
    shippedAt: '2026-01-11T09:00:00Z',
    issueDate: '2020-01-11',
    dueDate: '2020-02-10',
    valueDate: '2026-02-01',
  });
  const customer = { customerId: first.customerId, shipToId: first.shipToId };
  const second = await insertSalesGraph(dataSource, {
    customer,
    createdAt: '2026-01-20T08:00:00.000001Z',
    orderStatus: 'released',
    requestedDate: '2026-02-15',
    shipmentStatus: 'in_transit',
    shippedAt: '2026-01-21T09:00:00Z',
    issueDate: '2026-01-21',
    dueDate: '2026-02-20',
    settlement: 'full',
    valueDate: '2026-02-15',
  });
  const third = await insertSalesGraph(dataSource, {
    customer,
    createdAt: '2026-01-30T08:00:00.000001Z',
    orderStatus: 'invoiced',
    channel: 'partner_api',
    requestedDate: null,
    shippedAt: '2026-01-31T09:00:00Z',
    issueDate: '2026-01-31',
    dueDate: '2099-12-31',
    valueDate: '2026-03-01',
  });
  return [first, second, third];
}
