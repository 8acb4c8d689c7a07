import { Module } from '@nestjs/common';
import { InvoiceRepository } from './invoices/invoice.repository';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { OrderRepository } from './orders/order.repository';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { PaymentRepository } from './payments/payment.repository';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { ShipmentRepository } from './shipments/shipment.repository';
import { ShipmentsController } from './shipments/shipments.controller';
import { ShipmentsService } from './shipments/shipments.service';

/** Read-only canonical records of the flow: orders, shipments, invoices, payments. */
@Module({
  controllers: [OrdersController, ShipmentsController, InvoicesController, PaymentsController],
  providers: [
    OrderRepository,
    OrdersService,
    ShipmentRepository,
    ShipmentsService,
    InvoiceRepository,
    InvoicesService,
    PaymentRepository,
    PaymentsService,
  ],
})
export class SalesRecordsModule {}
