import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, restrictToAccountScope } from '@o2c/governance';
import { SalesOrder, Shipment, ShipmentLine } from '@o2c/persistence';
import { DataSource, In } from 'typeorm';
import { fetchNewestFirst, type KeyedRow } from '../shared/newest-first.keyset';
import { whereGiven } from '../shared/query-filter.builder';
import type { ListShipmentsQuery } from './shipment.contract';

export interface ShipmentRecord {
  shipment: Shipment;
  order: SalesOrder | undefined;
  /** Each with its order line and the line's item. */
  lines: ShipmentLine[];
}

/** A shipment belongs to an account through its order. */
const SHIPMENT_ACCOUNT =
  '(SELECT o.customer_id FROM sales_orders o WHERE o.id = shipment.order_id)';

@Injectable()
export class ShipmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Only the principal's accounts: a customerId filter outside them yields an empty page. */
  async findPage(
    scope: AccountScope,
    query: ListShipmentsQuery,
  ): Promise<KeyedRow<ShipmentRecord>[]> {
    const builder = this.dataSource.getRepository(Shipment).createQueryBuilder('shipment');
    restrictToAccountScope(builder, SHIPMENT_ACCOUNT, scope);
    // A shipment belongs to a customer through its order.
    whereGiven(
      builder,
      query,
      'customerId',
      'EXISTS (SELECT 1 FROM sales_orders o WHERE o.id = shipment.order_id AND o.customer_id = :customerId)',
    );
    whereGiven(builder, query, 'orderId', 'shipment.orderId = :orderId');
    whereGiven(builder, query, 'warehouseId', 'shipment.warehouseId = :warehouseId');
    whereGiven(builder, query, 'status', 'shipment.status IN (:...status)');
    whereGiven(builder, query, 'shippedFrom', 'shipment.shippedAt >= :shippedFrom');
    whereGiven(builder, query, 'shippedTo', 'shipment.shippedAt <= :shippedTo');
    const rows = await fetchNewestFirst(builder, query);
    const records = await this.withDetails(rows.map((row) => row.entity));
    return rows.map((row, index) => ({ key: row.key, entity: records[index] }));
  }

  async findById(scope: AccountScope, id: string): Promise<ShipmentRecord | undefined> {
    const builder = this.dataSource
      .getRepository(Shipment)
      .createQueryBuilder('shipment')
      .where('shipment.id = :id', { id });
    const shipment = await restrictToAccountScope(builder, SHIPMENT_ACCOUNT, scope).getOne();
    if (!shipment) return undefined;
    const [record] = await this.withDetails([shipment]);
    return record;
  }

  /** Orders and lines for a whole page: two queries, whatever its size. */
  private async withDetails(shipments: Shipment[]): Promise<ShipmentRecord[]> {
    if (shipments.length === 0) return [];
    const manager = this.dataSource.manager;
    const [orders, lines] = await Promise.all([
      manager.find(SalesOrder, {
        where: { id: In([...new Set(shipments.map((shipment) => shipment.orderId))]) },
      }),
      manager.find(ShipmentLine, {
        where: { shipmentId: In(shipments.map((shipment) => shipment.id)) },
        relations: { orderLine: { item: true } },
        order: { orderLine: { lineNumber: 'ASC' }, id: 'ASC' },
      }),
    ]);
    return shipments.map((shipment) => ({
      shipment,
      order: orders.find((order) => order.id === shipment.orderId),
      lines: lines.filter((line) => line.shipmentId === shipment.id),
    }));
  }
}
