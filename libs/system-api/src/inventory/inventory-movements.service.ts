import { Injectable } from '@nestjs/common';
import { type Page, ProblemException, toPage } from '@o2c/http';
import type { ListInventoryMovementsQuery } from './inventory.contract';
import { InventoryMovementRepository } from './inventory-movement.repository';
import { type MovementView, presentMovement } from './inventory.presenter';

/** Reads of the stock ledger. */
@Injectable()
export class InventoryMovementsService {
  constructor(private readonly movements: InventoryMovementRepository) {}

  async list(query: ListInventoryMovementsQuery): Promise<Page<MovementView>> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw ProblemException.invalid('/query/to', 'after-from', 'to must be later than from');
    }
    const { limit } = query;
    const rows = await this.movements.findPage(query, limit);
    return toPage(rows, limit, (row) => [row.cursor_at, row.id], presentMovement);
  }
}
