export { ProcessApiModule } from './process-api.module';
export { OrdersModule } from './orders/orders.module';
export { OrderFlow, type FlowActor } from './orders/flow/order-flow.service';
export { BillingModule } from './billing/billing.module';
export {
  InvoiceOnShipment,
  type IssuedInvoice,
} from './billing/invoicing/invoice-on-shipment.service';
export { FulfillmentModule } from './fulfillment/fulfillment.module';
