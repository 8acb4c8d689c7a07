import { Module } from '@nestjs/common';
import { CancelOrderUseCase } from './change/cancel-order.use-case';
import { ChangeOrderUseCase } from './change/change-order.use-case';
import { AllocationStep } from './flow/allocation.step';
import { HoldOpeningStep } from './flow/hold-opening.step';
import { OrderClosureStep } from './flow/order-closure.step';
import { OrderFlow } from './flow/order-flow.service';
import { OrderLoader } from './flow/order-loader';
import { ReleaseStep } from './flow/release.step';
import { IntakeReads } from './intake/intake-reads.step';
import { OrderEvaluationStep } from './intake/order-evaluation.step';
import { OrderLinesPricer } from './intake/order-lines.pricer';
import { OrderLinesResolver } from './intake/order-lines.resolver';
import { OrderRevisionStep } from './intake/order-revision.step';
import { SubmitOrderUseCase } from './intake/submit-order.use-case';
import { OrdersController } from './orders.controller';
import { CatalogueRepository } from './persistence/catalogue.repository';
import { CreditPositionRepository } from './persistence/credit-position.repository';
import { CustomerAccountRepository } from './persistence/customer-account.repository';
import { OrderRecordsRepository } from './persistence/order-records.repository';
import { ProcessLogRepository } from './persistence/process-log.repository';
import { RoutingRulesRepository } from './persistence/routing-rules.repository';
import { StockReservationRepository } from './persistence/stock-reservation.repository';
import { OrderDetailReader } from './read/order-detail.reader';
import { OrderListReader } from './read/order-list.reader';

/**
 * Order intake, holds, allocation, release, change and cancellation (openapi/process/
 * order-to-cash.v1.yaml). OrderFlow is exported for the processes that decide holds.
 */
@Module({
  controllers: [OrdersController],
  providers: [
    CatalogueRepository,
    CreditPositionRepository,
    CustomerAccountRepository,
    OrderRecordsRepository,
    ProcessLogRepository,
    RoutingRulesRepository,
    StockReservationRepository,
    OrderLoader,
    AllocationStep,
    ReleaseStep,
    HoldOpeningStep,
    OrderClosureStep,
    OrderFlow,
    OrderLinesResolver,
    OrderLinesPricer,
    OrderRevisionStep,
    IntakeReads,
    OrderEvaluationStep,
    SubmitOrderUseCase,
    ChangeOrderUseCase,
    CancelOrderUseCase,
    OrderDetailReader,
    OrderListReader,
  ],
  exports: [OrderFlow],
})
export class OrdersModule {}
