import { InvoiceOnShipment } from '@o2c/process-api';
import type { TokenRequest } from '@o2c/governance';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { BillingFixtures, BillingOrder } from '../factories/billing.factory';
import type { TestGateway } from '../support/test-gateway';

type Agent = ReturnType<TestGateway['http']>;

/** A finance user: the role's scopes as governance.yaml lists them. */
export function financeUser(gateway: TestGateway, subject = 'finance-clerk'): TokenRequest {
  return {
    subject,
    kind: 'internal',
    roles: ['finance'],
    scopes: [...(gateway.contracts.governance.roles.get('finance') ?? [])],
  };
}

/** Billing over HTTP, every answer checked against the contract; invoices are issued the way
 *  the shipment process issues them (InvoiceOnShipment in a transaction). */
export class CreditMemoApi {
  constructor(
    private readonly gateway: TestGateway,
    private readonly fixtures: BillingFixtures,
  ) {}

  /** Ships `baseQuantities` (one per order line, base units) and invoices the shipment. */
  async invoice(order: BillingOrder, baseQuantities: string[], freight?: string) {
    const shipmentId = await this.fixtures.shipment(order, {
      freight: freight ?? null,
      lines: baseQuantities.map((baseQuantity, index) => ({
        orderLineId: order.lines[index].id,
        baseQuantity,
      })),
    });
    const issuer = this.gateway.app.get(InvoiceOnShipment);
    const issued = await this.gateway.app
      .get(DataSource)
      .transaction((manager) => issuer.issueForShipment(manager, shipmentId, new Date()));
    const invoice = await this.getInvoice(issued.invoiceId);
    return { ...issued, shipmentId, invoice: invoice.body as InvoiceBody };
  }

  async getInvoice(id: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract('getInvoice', await agent.get(`/system/v1/invoices/${id}`));
  }

  async create(
    body: Record<string, unknown>,
    agent: Agent = this.gateway.as(financeUser(this.gateway)),
    key: string = randomUUID(),
  ): Promise<Response> {
    return this.gateway.expectContract(
      'createCreditMemo',
      await agent.post('/process/v1/credit-memos').set('idempotency-key', key).send(body),
    );
  }

  async get(id: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'getCreditMemo',
      await agent.get(`/process/v1/credit-memos/${id}`),
    );
  }

  async list(query: string, agent: Agent = this.gateway.http()): Promise<Response> {
    return this.gateway.expectContract(
      'listCreditMemos',
      await agent.get(`/process/v1/credit-memos${query}`),
    );
  }
}

export interface InvoiceBody {
  id: string;
  invoiceNumber: string;
  openBalance: { amount: string; currency: string };
  amountCredited: { amount: string; currency: string };
  totals: { subtotal: { amount: string }; taxTotal: { amount: string }; total: { amount: string } };
  lines: {
    id: string;
    quantity: string;
    lineNet: { amount: string };
    tax: { amount: string };
    lineTotal: { amount: string };
    quantityCredited: string;
    amountCredited: { amount: string };
  }[];
}
