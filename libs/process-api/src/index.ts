export { ProcessApiModule } from './process-api.module';
export { OrdersModule } from './orders/orders.module';
export { OrderFlow, type FlowActor } from './orders/flow/order-flow.service';
