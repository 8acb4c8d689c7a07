import { Module } from '@nestjs/common';
import { ExceptionReplayModule } from '@o2c/integration';
import { BillingModule } from '../billing/billing.module';
import { CustomerAccountRepository } from '../orders/persistence/customer-account.repository';
import { OrderRecordsRepository } from '../orders/persistence/order-records.repository';
import { ProcessLogRepository } from '../orders/persistence/process-log.repository';
import { BackorderReallocationModule } from './backorders/backorder-reallocation.module';
import { CarrierEventStep } from './events/carrier-event.step';
import { ExceptionQueueWriter } from './events/exception-queue.writer';
import { OrderCompletionStep } from './events/order-completion.step';
import { ParkedEventsStep } from './events/parked-events.step';
import { RecordShipmentEventUseCase } from './events/record-shipment-event.use-case';
import { ShipmentConfirmationStep } from './events/shipment-confirmation.step';
import { ShipmentEventReplayHandler } from './events/shipment-event-replay.handler';
import { ShipmentHistoryWriter } from './events/shipment-history.writer';
import { WarehouseEventStep } from './events/warehouse-event.step';
import { FulfilmentOrdersRepository } from './persistence/fulfilment-orders.repository';
import { InboundEventsRepository } from './persistence/inbound-events.repository';
import { ShipmentHistoryRepository } from './persistence/shipment-history.repository';
import { ShipmentLogRepository } from './persistence/shipment-log.repository';
import { ShipmentRecordsRepository } from './persistence/shipment-records.repository';
import { ShipmentStockRepository } from './persistence/shipment-stock.repository';
import { OrderShipmentsReader } from './read/order-shipments.reader';
import { ShipNoticeReader } from './read/ship-notice.reader';
import { ShipmentDetailReader } from './read/shipment-detail.reader';
import { ShipmentEventsReader } from './read/shipment-events.reader';
import { ShipmentEventsController } from './shipment-events.controller';
import { ShipmentsController } from './shipments.controller';

/**
 * Shipment events from warehouses and carriers, shipments and their ship notices
 * (openapi/process/fulfillment.v1.yaml), and the re-allocation of backorders when stock is
 * received. A confirmed shipment is invoiced through BillingModule's InvoiceOnShipment; refused
 * events are replayed from the exception queue through ShipmentEventReplayHandler.
 */
@Module({
  imports: [BillingModule, BackorderReallocationModule, ExceptionReplayModule],
  controllers: [ShipmentEventsController, ShipmentsController],
  providers: [
    CustomerAccountRepository,
    OrderRecordsRepository,
    ProcessLogRepository,
    FulfilmentOrdersRepository,
    InboundEventsRepository,
    ShipmentHistoryRepository,
    ShipmentLogRepository,
    ShipmentRecordsRepository,
    ShipmentStockRepository,
    ShipmentHistoryWriter,
    ExceptionQueueWriter,
    OrderCompletionStep,
    ParkedEventsStep,
    ShipmentConfirmationStep,
    WarehouseEventStep,
    CarrierEventStep,
    RecordShipmentEventUseCase,
    ShipmentEventReplayHandler,
    ShipmentDetailReader,
    ShipNoticeReader,
    OrderShipmentsReader,
    ShipmentEventsReader,
  ],
})
export class FulfillmentModule {}
