import type { TokenRequest } from '@o2c/governance';
import { Dispute, Payment } from '@o2c/persistence';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { itemBody } from '../factories/item.factory';
import { priceAgreementBody } from '../factories/price-agreement.factory';
import { insertSalesGraph } from '../factories/sales-records.factory';
import { insertTaskForHold } from '../factories/work-queue.factory';
import type { TestGateway } from '../support/test-gateway';

/** One customer account with one object of every account-bound kind. */
export interface SeededAccount {
  customerId: string;
  agreementId: string;
  orderId: string;
  shipmentId: string;
  invoiceId: string;
  creditMemoId: string;
  paymentId: string;
  /** The work-queue task of the order's open hold. */
  taskId: string;
  /** A dispute of 10.00 on the invoice. */
  disputeId: string;
  /** The item of its price agreement (items are shared by every account). */
  itemId: string;
  /** A webhook subscription the account's partner client registered. */
  webhookSubscriptionId: string;
}

/** A customer with its order, shipment, invoice and payment (sales-records factory) and a
 *  price agreement created through the catalog API by an administrator. */
export async function seedAccount(gateway: TestGateway): Promise<SeededAccount> {
  const graph = await insertSalesGraph(gateway.app.get(DataSource));
  const item = gateway.expectContract(
    'createItem',
    await gateway.http().post('/system/v1/items').send(itemBody()),
  );
  expect(item.status).toBe(201);
  const agreement = gateway.expectContract(
    'createPriceAgreement',
    await gateway
      .http()
      .post('/system/v1/price-agreements')
      .send(priceAgreementBody(graph.customerId, item.body.id)),
  );
  expect(agreement.status).toBe(201);
  const task = await insertTaskForHold(gateway.app.get(DataSource).manager, graph.openHold, {
    queue: 'exception',
    role: 'operations',
  });
  const subscription = gateway.expectContract(
    'createWebhookSubscription',
    await gateway
      .as({
        subject: `pc_${graph.customerId.slice(0, 8)}`,
        kind: 'partner_client',
        scopes: ['webhooks:write'],
        customerIds: [graph.customerId],
      })
      .post('/process/v1/webhook-subscriptions')
      .send({
        name: 'Partner order feed',
        url: 'https://hooks.partner.example/o2c',
        eventTypes: ['order.released'],
      }),
  );
  expect(subscription.status).toBe(201);
  const dispute = await gateway.app.get(DataSource).manager.save(Dispute, {
    customerId: graph.customerId,
    invoiceId: graph.invoice.id,
    category: 'pricing',
    amount: '10.0000',
    currency: 'USD',
    raisedBy: 'customer_user:seed',
    source: 'customer',
  });
  return {
    customerId: graph.customerId,
    agreementId: agreement.body.id,
    orderId: graph.order.id,
    shipmentId: graph.shipment.id,
    invoiceId: graph.invoice.id,
    creditMemoId: graph.creditMemo.id,
    paymentId: graph.payment.id,
    taskId: task.id,
    disputeId: dispute.id,
    itemId: item.body.id,
    webhookSubscriptionId: subscription.body.id,
  };
}

/** Money received from a payer nobody has identified yet (no customer). */
export async function insertUnidentifiedPayment(gateway: TestGateway): Promise<string> {
  const payment = await gateway.app.get(DataSource).manager.save(Payment, {
    customerId: null,
    payerName: 'Unknown payer',
    payerAccount: 'DE89-3704',
    amount: '75.0000',
    currency: 'USD',
    method: 'wire',
    valueDate: '2026-03-21',
    bankReference: `BR-${randomBytes(4).toString('hex')}`,
    source: 'api',
    amountApplied: '0.0000',
    unapplied: '75.0000',
    status: 'unapplied',
  });
  return payment.id;
}

/** A sales rep assigned to `customerIds`, holding every scope of the catalogue: only the
 *  account binding can stop it. */
export function salesRep(
  gateway: TestGateway,
  customerIds: readonly string[],
  subject = `rep-${randomBytes(3).toString('hex')}`,
): TokenRequest {
  return {
    subject,
    kind: 'sales_rep',
    scopes: [...gateway.contracts.governance.scopes.keys()],
    customerIds,
  };
}
