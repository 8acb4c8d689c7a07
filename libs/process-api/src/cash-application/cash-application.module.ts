import { Module } from '@nestjs/common';
import { ExceptionReplayModule } from '@o2c/integration';
import { DisputesModule } from '../disputes/disputes.module';
import { OrdersModule } from '../orders/orders.module';
import { CashApplicationRun } from './application/cash-application.run';
import { CreditHoldsStep } from './application/credit-holds.step';
import { ReviewTaskWriter } from './application/review-task.writer';
import { SetBasedPasses } from './application/set-based.passes';
import { CashTransactions } from './cash-transactions';
import { FileCashApplication } from './files/file-cash-application';
import { ImportRemittanceFileUseCase } from './files/import-remittance-file.use-case';
import { RemittanceFileBodyParser } from './files/remittance-file.body-parser';
import { ParkedRemittanceFileReplayHandler } from './files/parked-remittance-file-replay.handler';
import { RemittanceFileParking } from './files/remittance-file.parking';
import { RemittanceFileReader } from './files/remittance-file.reader';
import { RemittanceFileRepository } from './files/remittance-file.repository';
import { RemittanceFileRecorder } from './files/remittance-file.recorder';
import { RemittanceFileResumer } from './files/remittance-file.resumer';
import { RemittanceFilesController } from './files/remittance-files.controller';
import { RemittanceFileUnparking } from './files/remittance-file.unparking';
import { ResumeRemittanceFileUseCase } from './files/resume-remittance-file.use-case';
import { NamedInvoicesStep } from './intake/named-invoices.step';
import { PaymentIntakeRepository } from './intake/payment-intake.repository';
import { PaymentsController } from './intake/payments.controller';
import { RecordPaymentUseCase } from './intake/record-payment.use-case';
import { CashInputsRepository } from './ledger/cash-inputs.repository';
import { CashLedgerWriter } from './ledger/cash-ledger.writer';
import { PayerDirectoryRepository } from './payers/payer-directory.repository';
import { PayerIdentificationStep } from './payers/payer-identification.step';
import { CashProfilesController } from './profiles/cash-profiles.controller';
import { CashProfilesService } from './profiles/cash-profiles.service';
import { PaymentCashReader } from './read/payment-cash.reader';
import { ApplyPaymentCashUseCase } from './review/apply-payment-cash.use-case';
import { CashTaskCommand } from './review/cash-task.command';
import { CashTaskRepository } from './review/cash-task.repository';
import { CashTasksController } from './review/cash-tasks.controller';
import { ConfirmCashSuggestionsUseCase } from './review/confirm-cash-suggestions.use-case';
import { IdentifyPaymentPayerUseCase } from './review/identify-payment-payer.use-case';
import { ManualApplicationStep } from './review/manual-application.step';
import { ResolveCashTaskUseCase } from './review/resolve-cash-task.use-case';
import { ReverseCashApplicationUseCase } from './review/reverse-cash-application.use-case';

/**
 * Payments, remittance files and cash application (openapi/process/cash.v1.yaml): intake and
 * payer identification, the resumption of files whose application stopped, set-based passes and the engine, guarded postings, the
 * cash-application queue, reversals, and the effects on invoices and credit holds.
 */
@Module({
  imports: [OrdersModule, DisputesModule, ExceptionReplayModule],
  controllers: [
    PaymentsController,
    RemittanceFilesController,
    CashTasksController,
    CashProfilesController,
  ],
  providers: [
    CashTransactions,
    CashInputsRepository,
    CashLedgerWriter,
    SetBasedPasses,
    ReviewTaskWriter,
    CreditHoldsStep,
    CashApplicationRun,
    PayerDirectoryRepository,
    PayerIdentificationStep,
    PaymentIntakeRepository,
    NamedInvoicesStep,
    PaymentCashReader,
    RecordPaymentUseCase,
    RemittanceFileRepository,
    RemittanceFileReader,
    RemittanceFileBodyParser,
    FileCashApplication,
    ImportRemittanceFileUseCase,
    RemittanceFileRecorder,
    RemittanceFileResumer,
    RemittanceFileParking,
    RemittanceFileUnparking,
    ResumeRemittanceFileUseCase,
    ParkedRemittanceFileReplayHandler,
    ManualApplicationStep,
    ApplyPaymentCashUseCase,
    CashTaskRepository,
    CashTaskCommand,
    ConfirmCashSuggestionsUseCase,
    ResolveCashTaskUseCase,
    ReverseCashApplicationUseCase,
    IdentifyPaymentPayerUseCase,
    CashProfilesService,
  ],
})
export class CashApplicationModule {}
