import { Module } from '@nestjs/common';
import { ApprovalRoutingModule } from './approval-routing/approval-routing.module';
import { BillingModule } from './billing/billing.module';
import { FulfillmentModule } from './fulfillment/fulfillment.module';
import { CashApplicationModule } from './cash-application/cash-application.module';
import { CollectionsModule } from './collections/collections.module';
import { DisputesModule } from './disputes/disputes.module';
import { OrdersModule } from './orders/orders.module';
import { WorkQueuesModule } from './work-queues/work-queues.module';

/** Process APIs: the order-to-cash flow over the system records (owner: order-to-cash team). */
@Module({
  imports: [
    OrdersModule,
    WorkQueuesModule,
    ApprovalRoutingModule,
    BillingModule,
    FulfillmentModule,
    CashApplicationModule,
    DisputesModule,
    CollectionsModule,
  ],
})
export class ProcessApiModule {}
