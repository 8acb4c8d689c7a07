import { Controller, Get, Query } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { ListInventoryMovementsQuery } from './inventory.contract';
import { InventoryMovementsService } from './inventory-movements.service';

@Controller('system/v1/inventory-movements')
export class InventoryMovementsController {
  constructor(private readonly movements: InventoryMovementsService) {}

  @Get()
  @Operation('listInventoryMovements')
  list(@Query() query: ListInventoryMovementsQuery) {
    return this.movements.list(query);
  }
}
