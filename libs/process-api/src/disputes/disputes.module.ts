import { Module } from '@nestjs/common';
import { AssignDisputeOwnerUseCase } from './change/assign-dispute-owner.use-case';
import { ChangeDisputeStatusUseCase } from './change/change-dispute-status.use-case';
import { DisputeChangeRunner } from './change/dispute-change.runner';
import { DisputesController } from './disputes.controller';
import { DeductionOpener } from './opening/deduction-opener.service';
import { DisputeBulkOpeningService } from './opening/dispute-bulk-opening.service';
import { DisputeOpeningService } from './opening/dispute-opening.service';
import { RaiseDisputeUseCase } from './opening/raise-dispute.use-case';
import { DisputeCreditMemoRepository } from './persistence/dispute-credit-memo.repository';
import { DisputeRoutingRulesRepository } from './persistence/dispute-routing-rules.repository';
import { DisputeTaskWriter } from './persistence/dispute-task.writer';
import { DisputedInvoiceRepository } from './persistence/disputed-invoice.repository';
import { DisputeReader } from './read/dispute.reader';
import { RejectAndRebillDisputeUseCase } from './resolve/reject-and-rebill.use-case';
import { ResolveDisputeWithCreditMemoUseCase } from './resolve/resolve-with-credit-memo.use-case';
import { WriteOffDisputeUseCase } from './resolve/write-off-dispute.use-case';
import { DisputeRoutingRulesController } from './routing/dispute-routing-rules.controller';
import { DisputeRoutingRulesService } from './routing/dispute-routing-rules.service';
import { DeductionWithdrawalService } from './withdrawal/deduction-withdrawal.service';

/**
 * Disputes and deductions (openapi/process/receivables.v1.yaml). DeductionOpener and
 * DeductionWithdrawalService are exported for cash application, which opens a deduction's
 * dispute when it posts a short payment, and withdraws it when it reverses that posting, each
 * inside its own transaction.
 */
@Module({
  controllers: [DisputesController, DisputeRoutingRulesController],
  providers: [
    DisputedInvoiceRepository,
    DisputeRoutingRulesRepository,
    DisputeCreditMemoRepository,
    DisputeTaskWriter,
    DisputeReader,
    DisputeOpeningService,
    DisputeBulkOpeningService,
    DeductionOpener,
    DisputeChangeRunner,
    RaiseDisputeUseCase,
    AssignDisputeOwnerUseCase,
    ChangeDisputeStatusUseCase,
    ResolveDisputeWithCreditMemoUseCase,
    RejectAndRebillDisputeUseCase,
    WriteOffDisputeUseCase,
    DisputeRoutingRulesService,
    DeductionWithdrawalService,
  ],
  exports: [DeductionOpener, DeductionWithdrawalService],
})
export class DisputesModule {}
