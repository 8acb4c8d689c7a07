import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { assertRange } from '../shared/range-filter.guard';
import type { ListShipmentsQuery } from './shipment.contract';
import { presentShipment, type ShipmentView } from './shipment.presenter';
import { ShipmentRepository } from './shipment.repository';

/** Canonical shipment reads. */
@Injectable()
export class ShipmentsService {
  constructor(private readonly shipments: ShipmentRepository) {}

  async list(scope: AccountScope, query: ListShipmentsQuery): Promise<Page<ShipmentView>> {
    assertRange(query, 'shippedFrom', 'shippedTo', 'date-time');
    const rows = await this.shipments.findPage(scope, query);
    return toPage(
      rows,
      query.limit,
      (row) => row.key,
      (row) => presentShipment(row.entity),
    );
  }

  async get(scope: AccountScope, id: string): Promise<ShipmentView> {
    const record = await this.shipments.findById(scope, id);
    if (!record) throw ProblemException.notFound('shipment', id);
    return presentShipment(record);
  }
}
