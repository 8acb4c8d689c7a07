import { Injectable } from '@nestjs/common';
import { Decimal } from '@o2c/domain';
import { accountScopeOf, AuditTrail, auditImage, type Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import type { EntityManager } from 'typeorm';
import {
  type DeductionWithdrawal,
  DeductionWithdrawalService,
} from '../../disputes/withdrawal/deduction-withdrawal.service';
import { CashApplicationRun } from '../application/cash-application.run';
import { cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem, GuardedWriteRefused } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import type { ReversalBody } from '../cash.contract';
import { CashInputsRepository } from '../ledger/cash-inputs.repository';
import { CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import { INVOICE_STATUS_AFTER_CHANGE, invoiceNumberSql } from '../ledger/invoice-status.sql';
import { presentPaymentCash, type PaymentCashView } from '../read/payment-cash.presenter';
import { PaymentCashReader } from '../read/payment-cash.reader';
import { lockPaymentFor } from './locked-payment';
import { queryRows } from '../ledger/query-rows';

interface ApplicationRow {
  id: string;
  paymentId: string;
  invoiceId: string;
  amount: string;
  discount: string;
  writeOff: string;
  rule: string;
  status: string;
  version: number;
}

const LOCK_APPLICATION = `
  SELECT id, payment_id AS "paymentId", invoice_id AS "invoiceId", amount::text AS amount,
         discount_amount::text AS discount, write_off_amount::text AS "writeOff", rule, status,
         version
    FROM cash_applications WHERE id = $1 FOR UPDATE`;

/** The invoice gets back what the application settled; guarded so it never goes negative. */
const RESTORE_INVOICE = `
  UPDATE invoices i
     SET amount_applied = i.amount_applied - $2::numeric,
         open_balance = i.open_balance + $2::numeric,
         status = ${INVOICE_STATUS_AFTER_CHANGE('(-$2::numeric)')},
         version = i.version + 1, updated_at = now()
   WHERE i.id = $1 AND i.amount_applied >= $2::numeric
  RETURNING i.id, ${invoiceNumberSql('i')} AS "invoiceNumber", i.customer_id AS "customerId",
            i.amount_applied::text AS "amountApplied", i.open_balance::text AS "openBalance",
            i.status, i.version`;

const RESTORE_PAYMENT = `
  UPDATE payments
     SET amount_applied = amount_applied - $2::numeric, unapplied = unapplied + $2::numeric,
         status = CASE WHEN amount_applied - $2::numeric > 0 THEN 'partially_applied'
                       WHEN on_account > 0 AND on_account = unapplied + $2::numeric THEN 'on_account'
                       ELSE 'unapplied' END,
         version = version + 1, updated_at = now()
   WHERE id = $1 AND amount_applied >= $2::numeric
  RETURNING amount_applied::text AS "amountApplied", unapplied::text AS unapplied, status, version`;

const MARK_REVERSED = `
  UPDATE cash_applications
     SET status = 'reversed', reversed_at = now(), reversed_by = $2, reversal_reason = $3,
         version = version + 1, updated_at = now()
   WHERE id = $1 AND status = 'applied'
  RETURNING version`;

/** What the reversal did to the deductions its short payment opened on the invoice. */
export interface ReversalView {
  applicationId: string;
  withdrawnDeductions: string[];
  deductionsLeft: { disputeId: string; status: string }[];
}

export type ReversedPaymentCashView = PaymentCashView & { reversal: ReversalView };

/**
 * POST /process/v1/payments/{id}/reversals: unapplies one application, in one transaction: the
 * application is marked reversed (who, when, why), the invoice gets its open balance back, the
 * cash returns to the payment in review, and the payment's task is reopened or refreshed with
 * suggestions a person confirms (never applied again automatically). The live deductions the
 * payment opened on that invoice are withdrawn (they contest a short payment no longer on the
 * books); those already worked to an outcome are left and named in the answer. Audited row by
 * row, logged and published as `cash_application.reversed`.
 */
@Injectable()
export class ReverseCashApplicationUseCase {
  constructor(
    private readonly transactions: CashTransactions,
    private readonly inputs: CashInputsRepository,
    private readonly run: CashApplicationRun,
    private readonly reader: PaymentCashReader,
    private readonly audit: AuditTrail,
    private readonly deductions: DeductionWithdrawalService,
  ) {}

  async execute(
    principal: Principal,
    paymentId: string,
    ifMatch: string | undefined,
    body: ReversalBody,
  ): Promise<ReversedPaymentCashView> {
    const scope = accountScopeOf(principal);
    const actor = cashActorOf(principal);
    const reason = body.reason.trim();
    const withdrawal = await this.transactions.run(async (manager) => {
      await lockPaymentFor(manager, this.inputs, scope, paymentId, ifMatch ?? '');
      const [application] = await manager.query<ApplicationRow[]>(LOCK_APPLICATION, [
        body.applicationId,
      ]);
      if (!application || application.paymentId !== paymentId) {
        throw cashProblem(
          CashErrorCode.APPLICATION_NOT_FOUND,
          '/body/applicationId',
          `payment ${paymentId} has no application ${body.applicationId}`,
        );
      }
      if (application.status !== 'applied') {
        throw cashProblem(
          CashErrorCode.ALREADY_REVERSED,
          '/body/applicationId',
          `application ${application.id} is already reversed`,
        );
      }
      const journal = new CashJournal(actor);
      const withdrawn = await this.reverse(manager, principal, application, reason, journal);
      // The cash waits in review again, with suggestions a person confirms.
      await this.run.apply(manager, [paymentId], actor, journal, { mode: 'suggest' });
      await journal.flush(manager);
      return withdrawn;
    });
    const record = await this.reader.find(scope, paymentId);
    if (!record) throw ProblemException.notFound('payment', paymentId);
    return {
      ...presentPaymentCash(record),
      reversal: reversalView(body.applicationId, withdrawal),
    };
  }

  private async reverse(
    manager: EntityManager,
    principal: Principal,
    application: ApplicationRow,
    reason: string,
    journal: CashJournal,
  ): Promise<DeductionWithdrawal> {
    const actor = journal.actor;
    const settles = new Decimal(application.amount)
      .plus(application.discount)
      .plus(application.writeOff)
      .toFixed();
    const [invoiceBefore] = await manager.query<Record<string, unknown>[]>(
      `SELECT id, amount_applied::text AS "amountApplied", open_balance::text AS "openBalance",
              status, version FROM invoices WHERE id = $1 FOR UPDATE`,
      [application.invoiceId],
    );
    const [invoice] = await queryRows<Record<string, unknown>>(manager, RESTORE_INVOICE, [
      application.invoiceId,
      settles,
    ]);
    const [payment] = await queryRows<Record<string, unknown>>(manager, RESTORE_PAYMENT, [
      application.paymentId,
      application.amount,
    ]);
    const [marked] = await queryRows<{ version: number }>(manager, MARK_REVERSED, [
      application.id,
      actor.subject,
      reason,
    ]);
    if (!invoice || !payment || !marked) {
      throw new GuardedWriteRefused(
        cashProblem(
          CashErrorCode.ALREADY_REVERSED,
          '/body/applicationId',
          `application ${application.id} can no longer be reversed`,
        ),
      );
    }
    await this.audit.record(manager, {
      objectType: 'cash_applications',
      objectId: application.id,
      before: auditImage({ id: application.id, status: 'applied', version: application.version }),
      after: auditImage({
        id: application.id,
        status: 'reversed',
        reversedBy: actor.subject,
        reversalReason: reason,
        version: marked.version,
      }),
    });
    await this.audit.record(manager, {
      objectType: 'invoices',
      objectId: application.invoiceId,
      before: auditImage(invoiceBefore ?? {}),
      after: auditImage({ ...invoice, invoiceNumber: undefined, customerId: undefined }),
    });
    await this.audit.record(manager, {
      objectType: 'payments',
      objectId: application.paymentId,
      before: null,
      after: auditImage(payment),
    });
    const deductions = await this.deductions.withdraw(manager, principal, {
      applicationId: application.id,
      paymentId: application.paymentId,
      invoiceId: application.invoiceId,
      reason,
    });
    const data = {
      applicationId: application.id,
      paymentId: application.paymentId,
      invoiceId: application.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      customerId: invoice.customerId,
      amount: application.amount,
      discount: application.discount,
      writeOff: application.writeOff,
      rule: application.rule,
      reason,
      invoiceOpenBalance: invoice.openBalance,
      invoiceStatus: deductions.invoiceStatus,
      withdrawnDeductions: deductions.withdrawn,
      deductionsLeft: deductions.left,
    };
    journal.record('cash_application', application.id, 'cash_application.reversed', {
      reason,
      data,
      related: [
        { type: PAYMENT_OBJECT, id: application.paymentId, qualifier: 'payment' },
        { type: 'invoice', id: application.invoiceId, qualifier: 'reopened' },
        ...deductions.withdrawn.map((id) => ({ type: 'dispute', id, qualifier: 'withdrawn' })),
      ],
    });
    journal.publish(PAYMENT_OBJECT, application.paymentId, 'cash_application.reversed', data);
    return deductions;
  }
}

function reversalView(applicationId: string, withdrawal: DeductionWithdrawal): ReversalView {
  return {
    applicationId,
    withdrawnDeductions: withdrawal.withdrawn,
    deductionsLeft: withdrawal.left,
  };
}
