import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  computeCreditMemo,
  type CreditMemoAmounts,
  Decimal,
  formatAmount,
  formatDocumentNumber,
  isDomainError,
} from '@o2c/domain';
import {
  accountScopeOf,
  AuditTrail,
  auditImage,
  type Principal,
  principalKey,
} from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { CreditMemo, CreditMemoLine } from '@o2c/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import {
  billingFieldProblem,
  BillingErrorCode,
  billingProblem,
  creditingProblem,
} from '../billing.errors';
import { BillingLogWriter } from '../shared/billing-log.writer';
import { CREDIT_MEMO_SERIES, DocumentNumberAllocator } from '../shared/document-number.allocator';
import type { CreateCreditMemoBody } from './credit-memo.contract';
import { type CreditMemoView } from './credit-memo.presenter';
import { CreditMemoReader } from './credit-memo.reader';
import {
  CreditableInvoiceRepository,
  type CreditableLineRow,
  type LineCredit,
  type LockedInvoice,
} from './creditable-invoice.repository';

/** Invoices in these states are closed to credits: a void invoice bills nothing, a written-off
 *  one is settled by its write-off. */
const NOT_CREDITABLE = new Set(['void', 'written_off']);

/**
 * Issues a credit memo in one transaction: the invoice row is locked (memos on one invoice
 * queue, and cash application cannot move its balance meanwhile), the domain computes what the
 * lines allow, the lines and the invoice take the credit through guarded statements, and the
 * memo, its lines, its process event and its outbox message are written with them.
 */
@Injectable()
export class CreateCreditMemoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: CreditableInvoiceRepository,
    private readonly numbers: DocumentNumberAllocator,
    private readonly log: BillingLogWriter,
    private readonly audit: AuditTrail,
    private readonly reader: CreditMemoReader,
  ) {}

  execute(principal: Principal | undefined, body: CreateCreditMemoBody): Promise<CreditMemoView> {
    const scope = accountScopeOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.lock(manager, body.invoiceId, scope);
      if (!invoice) throw ProblemException.notFound('invoice', body.invoiceId);
      assertCreditable(invoice);
      const lines = await this.invoices.lines(manager, invoice.id);
      assertKnownLines(body, lines);
      const amounts = credited(body, invoice, lines);

      const memoId = randomUUID();
      const sequence = await this.numbers.next(manager, CREDIT_MEMO_SERIES);
      const memoNumber = formatDocumentNumber(CREDIT_MEMO_SERIES, sequence);
      await this.insertMemo(manager, {
        memoId,
        memoNumber,
        body,
        invoice,
        amounts,
        now: new Date(),
      });
      await this.takeCredit(manager, invoice, amounts);
      await this.record(manager, principal, { memoId, memoNumber, body, invoice, amounts });
      const view = await this.reader.findById(manager, memoId, 'all');
      if (!view) throw new Error(`credit memo ${memoId} vanished inside its own transaction`);
      return view;
    });
  }

  private async insertMemo(manager: EntityManager, memo: MemoFacts & { now: Date }): Promise<void> {
    const { amounts, invoice, body } = memo;
    await manager.insert(CreditMemo, {
      id: memo.memoId,
      memoNumber: memo.memoNumber,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      disputeId: null,
      reason: body.reason,
      status: 'issued',
      issueDate: memo.now.toISOString().slice(0, 10),
      total: formatAmount(amounts.total),
      currency: invoice.currency,
      note: body.note ?? null,
    });
    await manager.insert(
      CreditMemoLine,
      amounts.lines.map((line, index) => ({
        id: randomUUID(),
        memoId: memo.memoId,
        lineNumber: index + 1,
        invoiceLineId: line.invoiceLineId,
        quantity: line.quantity === null ? null : line.quantity.toFixed(),
        net: formatAmount(line.net),
        tax: formatAmount(line.tax),
        amount: formatAmount(line.amount),
      })),
    );
  }

  /** Guarded: a line or the balance changes only while the credit still fits it. Under the
   *  invoice lock a miss cannot happen; if it does, the whole memo rolls back. */
  private async takeCredit(
    manager: EntityManager,
    invoice: LockedInvoice,
    amounts: CreditMemoAmounts,
  ): Promise<void> {
    const perLine = creditsPerLine(amounts);
    const taken = await this.invoices.takeFromLines(manager, invoice.id, perLine);
    if (taken.length !== perLine.length) {
      throw new ProblemException(
        ApiErrorCode.CONFLICT,
        `Invoice ${invoice.id} changed while the credit was computed; retry`,
      );
    }
    const total = formatAmount(amounts.total);
    const after = await this.invoices.credit(manager, invoice.id, total);
    if (!after) {
      throw billingFieldProblem(
        BillingErrorCode.EXCEEDS_OPEN_BALANCE,
        '/body/lines',
        `The credit of ${total} exceeds the invoice's open balance`,
      );
    }
    const credits = new Map(perLine.map((credit) => [credit.invoiceLineId, credit]));
    for (const line of taken) {
      const credit = credits.get(line.id) as LineCredit;
      await this.audit.record(manager, {
        objectType: 'invoice_lines',
        objectId: line.id,
        before: auditImage({
          quantityCredited: minus(line.quantityCredited, credit.quantity),
          netCredited: minus(line.netCredited, credit.net),
          taxCredited: minus(line.taxCredited, credit.tax),
          version: line.version - 1,
        }),
        after: auditImage({ ...line }),
      });
    }
    await this.audit.record(manager, {
      objectType: 'invoices',
      objectId: invoice.id,
      before: auditImage({
        amountCredited: invoice.amountCredited,
        openBalance: invoice.openBalance,
        version: invoice.version,
      }),
      after: auditImage({ ...after }),
    });
  }

  private async record(
    manager: EntityManager,
    principal: Principal | undefined,
    memo: MemoFacts,
  ): Promise<void> {
    const { invoice, amounts, body } = memo;
    const invoiceNumber = formatDocumentNumber(invoice.series, invoice.invoiceNumber);
    const actor = principal ? principalKey(principal) : 'anonymous';
    const summary = {
      creditMemoId: memo.memoId,
      memoNumber: memo.memoNumber,
      invoiceId: invoice.id,
      invoiceNumber,
      customerId: invoice.customerId,
      orderId: invoice.orderId,
      reason: body.reason,
      note: body.note ?? null,
      currency: invoice.currency,
      netTotal: formatAmount(amounts.netTotal),
      taxTotal: formatAmount(amounts.taxTotal),
      total: formatAmount(amounts.total),
    };
    await this.log.append(
      manager,
      actor,
      [
        {
          objectType: 'credit_memo',
          objectId: memo.memoId,
          activity: 'credit_memo.issued',
          data: summary,
          relatedObjects: [
            { type: 'invoice', id: invoice.id, qualifier: 'credits' },
            { type: 'order', id: invoice.orderId, qualifier: 'credits' },
            { type: 'customer', id: invoice.customerId, qualifier: 'credited' },
          ],
        },
      ],
      [
        {
          aggregateType: 'credit_memo',
          aggregateId: memo.memoId,
          eventType: 'credit_memo.issued',
          payload: {
            eventType: 'credit_memo.issued',
            ...summary,
            lines: amounts.lines.map((line, index) => ({
              lineNumber: index + 1,
              invoiceLineId: line.invoiceLineId,
              quantity: line.quantity === null ? null : line.quantity.toFixed(),
              net: formatAmount(line.net),
              tax: formatAmount(line.tax),
              amount: formatAmount(line.amount),
            })),
          },
        },
      ],
    );
  }
}

interface MemoFacts {
  memoId: string;
  memoNumber: string;
  body: CreateCreditMemoBody;
  invoice: LockedInvoice;
  amounts: CreditMemoAmounts;
}

function assertCreditable(invoice: LockedInvoice): void {
  if (!NOT_CREDITABLE.has(invoice.status)) return;
  throw billingProblem(
    BillingErrorCode.INVOICE_NOT_CREDITABLE,
    `Invoice ${formatDocumentNumber(invoice.series, invoice.invoiceNumber)} is ${invoice.status}`,
    [
      {
        path: '/body/invoiceId',
        rule: BillingErrorCode.INVOICE_NOT_CREDITABLE,
        message: `invoice is ${invoice.status}`,
      },
    ],
    { invoiceStatus: invoice.status },
  );
}

function assertKnownLines(body: CreateCreditMemoBody, lines: CreditableLineRow[]): void {
  const known = new Set(lines.map((line) => line.id));
  body.lines.forEach((line, index) => {
    if (known.has(line.invoiceLineId)) return;
    throw billingFieldProblem(
      BillingErrorCode.UNKNOWN_INVOICE_LINE,
      `/body/lines/${index}/invoiceLineId`,
      `${line.invoiceLineId} is not a line of invoice ${body.invoiceId}`,
    );
  });
}

function credited(
  body: CreateCreditMemoBody,
  invoice: LockedInvoice,
  lines: CreditableLineRow[],
): CreditMemoAmounts {
  try {
    return computeCreditMemo({
      currency: invoice.currency,
      reason: body.reason,
      openBalance: new Decimal(invoice.openBalance),
      lines: body.lines.map((line) => ({
        invoiceLineId: line.invoiceLineId,
        ...(line.quantity === undefined ? {} : { quantity: new Decimal(line.quantity) }),
        ...(line.amount === undefined ? {} : { amount: new Decimal(line.amount) }),
      })),
      invoiceLines: lines.map((line) => ({
        invoiceLineId: line.id,
        quantity: new Decimal(line.quantity),
        unitPrice: new Decimal(line.unitPrice),
        taxPercent: new Decimal(line.taxRatePercent),
        net: new Decimal(line.lineNet),
        tax: new Decimal(line.tax),
        quantityCredited: new Decimal(line.quantityCredited),
        netCredited: new Decimal(line.netCredited),
        taxCredited: new Decimal(line.taxCredited),
      })),
    });
  } catch (error) {
    if (isDomainError(error)) throw creditingProblem(error, requestPath);
    throw error;
  }
}

/** `lines[2].quantity` -> `/body/lines/2/quantity`. */
function requestPath(field: string | undefined): string {
  if (field === undefined) return '/body';
  return `/body/${field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
}

function minus(after: string, taken: string): string {
  return new Decimal(after).minus(new Decimal(taken)).toFixed(4);
}

/** One guarded update per invoice line, however many memo lines name it. */
function creditsPerLine(amounts: CreditMemoAmounts): LineCredit[] {
  const totals = new Map<string, { quantity: Decimal; net: Decimal; tax: Decimal }>();
  for (const line of amounts.lines) {
    const before = totals.get(line.invoiceLineId) ?? {
      quantity: new Decimal(0),
      net: new Decimal(0),
      tax: new Decimal(0),
    };
    totals.set(line.invoiceLineId, {
      quantity: before.quantity.plus(line.quantityUsed),
      net: before.net.plus(line.net.amount),
      tax: before.tax.plus(line.tax.amount),
    });
  }
  return [...totals].map(([invoiceLineId, total]) => ({
    invoiceLineId,
    quantity: total.quantity.toFixed(),
    net: total.net.toFixed(),
    tax: total.tax.toFixed(),
  }));
}
