import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { CustomersModule } from './customers/customers.module';
import { InventoryModule } from './inventory/inventory.module';
import { InvoicesModule } from './invoices/invoices.module';
import { SalesRecordsModule } from './sales-records/sales-records.module';

/** System APIs: canonical records (owner: ERP core team). */
@Module({
  imports: [CustomersModule, CatalogModule, SalesRecordsModule, InventoryModule, InvoicesModule],
})
export class SystemApiModule {}
