export { SystemApiModule } from './system-api.module';
export { CustomersController } from './customers/customers.controller';
export {
  INVENTORY_RECEIPT_LISTENER,
  type InventoryReceiptListener,
  type StockReceived,
} from './inventory/inventory-receipt.listener';
