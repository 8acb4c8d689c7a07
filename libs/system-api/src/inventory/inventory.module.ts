import { Module } from '@nestjs/common';
import { InventoryBalanceRepository } from './inventory-balance.repository';
import { InventoryBalancesController } from './inventory-balances.controller';
import { InventoryBalancesService } from './inventory-balances.service';
import { InventoryLedgerRepository } from './inventory-ledger.repository';
import { InventoryMovementRepository } from './inventory-movement.repository';
import { InventoryMovementsController } from './inventory-movements.controller';
import { InventoryMovementsService } from './inventory-movements.service';
import { ItemUnitsRepository } from './item-units.repository';
import { StockPostingsController } from './stock-postings.controller';
import { StockPostingsService } from './stock-postings.service';
import { WarehouseRepository } from './warehouse.repository';
import { WarehousesController } from './warehouses.controller';
import { WarehousesService } from './warehouses.service';

/** Inventory system API: warehouses, stock balances, receipts, adjustments and the ledger. */
@Module({
  controllers: [
    WarehousesController,
    InventoryBalancesController,
    StockPostingsController,
    InventoryMovementsController,
  ],
  providers: [
    WarehouseRepository,
    WarehousesService,
    InventoryBalanceRepository,
    InventoryBalancesService,
    InventoryMovementRepository,
    InventoryMovementsService,
    InventoryLedgerRepository,
    ItemUnitsRepository,
    StockPostingsService,
  ],
})
export class InventoryModule {}
