import { ContractRegistry, type ContractOperation } from '@o2c/contracts';
import type { PrincipalKind, TokenRequest } from '@o2c/governance';
import { randomUUID } from 'node:crypto';
import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { type SeededAccount, seedAccount } from './ownership-accounts.fixture';

/**
 * Generated from the contracts: every operation with security is called (a) without a token,
 * (b) with every scope but its own, and, when its path names an account-bound object, (c) by a
 * principal with every scope bound to another account. A new operation is covered the day its
 * contract lands; a new path parameter fails here until it is classified below.
 */

/** Path parameters naming objects that belong to one customer account, and how to find
 *  account A's object of that kind. */
const ACCOUNT_BOUND_PATH_PARAMETERS: Record<string, (account: SeededAccount) => string> = {
  customerId: (account) => account.customerId,
  agreementId: (account) => account.agreementId,
  orderId: (account) => account.orderId,
  shipmentId: (account) => account.shipmentId,
  invoiceId: (account) => account.invoiceId,
  paymentId: (account) => account.paymentId,
  taskId: (account) => account.taskId,
  creditMemoId: (account) => account.creditMemoId,
  subscriptionId: (account) => account.webhookSubscriptionId,
  disputeId: (account) => account.disputeId,
};

/** Path parameters naming objects that no account owns, with the reason (c) does not apply. */
const NOT_ACCOUNT_BOUND_PATH_PARAMETERS: Record<string, string> = {
  itemId: 'items are the shared catalogue every account orders from',
  warehouseId: 'warehouses serve every account',
  balanceId: 'a stock balance belongs to a warehouse and an item, not to an account',
  clientId: 'API clients are administered by API owners, not owned through an account binding',
  queue: 'a work queue serves every account; its list is filtered by account',
  ruleId: 'approval routing rules are policy of the whole platform, not of an account',
  taxRateId: 'tax rates are policy of the whole platform, by ship-to region, not of an account',
  exceptionId:
    'the integration exception queue is worked by internal staff; partners hold no exceptions scope',
  runId: 'a dunning run spans every account; the notices it shows are filtered by account',
  fileId:
    'a bank file carries payments of many accounts; account-bound callers see only files they ' +
    'imported, and only their own payments in them',
};

const NO_OBJECT_IN_PATH =
  'no object in its path (a collection or a creation): list filters and body references are ' +
  'covered by ownership.e2e.spec.ts';

/** Minimal valid bodies for the account-bound writes, so that only ownership can refuse them. */
const SAMPLE_BODIES: Record<string, () => Record<string, unknown>> = {
  updateCustomer: () => ({ name: 'Renamed by another account' }),
  addCustomerShipTo: () => ({
    code: 'FOREIGN',
    name: 'Not our dock',
    address: { line1: '1 Elm St', city: 'Reno', postalCode: '89501', country: 'US' },
    region: 'US-WEST',
  }),
  updatePriceAgreement: () => ({ unitPrice: { amount: '0.01', currency: 'USD' } }),
  decideTask: () => ({ decision: 'approve' }),
  reassignTask: () => ({ role: 'credit-manager' }),
  changeOrder: () => ({ requestedDate: '2027-01-15' }),
  cancelOrder: () => ({ reason: 'Cancelled by another account' }),
  updateWebhookSubscription: () => ({ url: 'https://attacker.example/hook' }),
  rotateWebhookSecret: () => ({}),
  assignDisputeOwner: () => ({ owner: 'someone-else' }),
  changeDisputeStatus: () => ({ status: 'under_review', comment: 'Taken by another account' }),
  resolveDisputeWithCreditMemo: () => ({ creditMemoId: randomUUID() }),
  rejectAndRebillDispute: () => ({ comment: 'Rejected by another account' }),
  writeOffDispute: () => ({ comment: 'Written off by another account' }),
  applyPaymentCash: () => ({ applications: [{ invoiceId: randomUUID(), amount: '1.00' }] }),
  reverseCashApplication: () => ({ applicationId: randomUUID(), reason: 'Another account' }),
  identifyPaymentPayer: () => ({ customerId: randomUUID() }),
  confirmCashSuggestions: () => ({ suggestionIds: ['s1'] }),
  resolveCashTask: () => ({ applications: [], remainder: 'on-account' }),
  putCashApplicationProfile: () => ({
    writeOffAbsolute: '1000.00',
    writeOffPercent: '100',
    discountGraceDays: 60,
  }),
  recordPaymentPromise: () => ({
    amount: { amount: '1.00', currency: 'USD' },
    promisedDate: '2099-01-01',
  }),
};

/** An account-bound principal kind each audience admits (DESIGN.md section 4). */
const RESTRICTED_KIND_FOR_AUDIENCE: Record<string, PrincipalKind> = {
  internal: 'sales_rep',
  partner: 'partner_client',
  public: 'customer_user',
};

// The same contracts the gateway loads (CONTRACTS_DIR default), read here so that every
// operation gets its own named test; the first test proves both lists are the same.
const registry = ContractRegistry.fromDirectory('openapi');
const secured = [...registry.operations.values()]
  .filter((operation) => operation.security.length > 0)
  .sort((x, y) => x.operationId.localeCompare(y.operationId));

function pathParameters(operation: ContractOperation): string[] {
  return [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

function requiredScopes(operation: ContractOperation): string[] {
  return operation.security.flatMap((requirement) => Object.values(requirement).flat());
}

type Classification = { accountBound: true } | { accountBound: false; reason: string };

function classify(operation: ContractOperation): Classification {
  const parameters = pathParameters(operation);
  const unknown = parameters.filter(
    (name) =>
      !(name in ACCOUNT_BOUND_PATH_PARAMETERS) && !(name in NOT_ACCOUNT_BOUND_PATH_PARAMETERS),
  );
  if (unknown.length > 0) {
    throw new Error(
      `${operation.operationId}: classify path parameter(s) ${unknown.join(', ')} in ` +
        'ACCOUNT_BOUND_PATH_PARAMETERS or NOT_ACCOUNT_BOUND_PATH_PARAMETERS',
    );
  }
  if (parameters.some((name) => name in ACCOUNT_BOUND_PATH_PARAMETERS))
    return { accountBound: true };
  if (parameters.length === 0) return { accountBound: false, reason: NO_OBJECT_IN_PATH };
  return {
    accountBound: false,
    reason: parameters.map((name) => NOT_ACCOUNT_BOUND_PATH_PARAMETERS[name]).join('; '),
  };
}

function fillPath(operation: ContractOperation, value: (parameter: string) => string): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => value(name));
}

function hasJsonBody(operation: ContractOperation): boolean {
  return operation.operation.requestBody?.content?.['application/json'] !== undefined;
}

type Agent = ReturnType<TestGateway['http']>;

function send(agent: Agent, operation: ContractOperation, path: string, body?: object) {
  const request = agent[operation.method](path);
  return hasJsonBody(operation) ? request.send(body ?? {}) : request;
}

describe('contract security: every secured operation, generated from the contracts', () => {
  let gateway: TestGateway;
  let accountA: SeededAccount;
  let accountB: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    accountA = await seedAccount(gateway);
    accountB = (await gateway.http().post('/system/v1/customers').send(customerBody())).body.id;
  });
  afterAll(() => gateway.close());

  const everyScope = () => [...gateway.contracts.governance.scopes.keys()];

  it('covers exactly the operations the gateway serves', () => {
    const served = [...gateway.contracts.operations.values()]
      .filter((operation) => operation.security.length > 0)
      .map((operation) => operation.operationId)
      .sort();
    expect(secured.map((operation) => operation.operationId)).toEqual(served);
    expect(secured.length).toBeGreaterThan(0);
  });

  describe.each(secured.map((operation) => [operation.operationId, operation] as const))(
    '%s',
    (_operationId, operation) => {
      const anyPath = () => fillPath(operation, () => randomUUID());

      it('(a) answers 401 with a Bearer challenge without a token', async () => {
        const response = gateway.expectContract(
          operation.operationId,
          await send(gateway.anonymous(), operation, anyPath()),
        );
        expect(response.status).toBe(401);
        expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
        expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      });

      it('(b) answers 403 insufficient_scope to a token holding every scope but its own', async () => {
        const own = new Set(requiredScopes(operation));
        expect(own.size).toBeGreaterThan(0);
        const token: TokenRequest = {
          subject: `scope-probe-${operation.operationId}`,
          kind: 'internal',
          scopes: everyScope().filter((scope) => !own.has(scope)),
        };
        const response = gateway.expectContract(
          operation.operationId,
          await send(gateway.as(token), operation, anyPath()),
        );
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('AUTH.FORBIDDEN');
        expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
      });

      const classification = classify(operation);
      if (!classification.accountBound) {
        it(`(c) does not apply: ${classification.reason}`, () => {
          expect(
            pathParameters(operation).some((name) => name in ACCOUNT_BOUND_PATH_PARAMETERS),
          ).toBe(false);
        });
        return;
      }

      it("(c) answers 404 to a principal with every scope bound to another account, for account A's object", async () => {
        const kind = RESTRICTED_KIND_FOR_AUDIENCE[operation.audience];
        if (!kind)
          throw new Error(`no account-bound principal kind for audience ${operation.audience}`);
        const path = fillPath(operation, (name) => {
          const idOf = ACCOUNT_BOUND_PATH_PARAMETERS[name];
          if (!idOf) throw new Error(`${name} is not account-bound; seed an object for it`);
          return idOf(accountA);
        });
        // The object the path names (for /customers/{id}/ship-tos: the customer), read back by
        // internal staff to prove it exists and to see that a refused write changed nothing.
        const readPath = objectPathOf(operation, path);
        const before = await gateway.http().get(readPath);
        expect(before.status).toBe(200);

        const principal = (customerIds: string[]): TokenRequest => ({
          subject: `${kind}-${operation.operationId}-${customerIds.join('-')}`,
          kind,
          scopes: everyScope(),
          customerIds,
        });
        let body: Record<string, unknown> | undefined;
        if (hasJsonBody(operation)) {
          const sample = SAMPLE_BODIES[operation.operationId];
          if (!sample) throw new Error(`declare a valid sample body for ${operation.operationId}`);
          body = sample();
        }
        const request = gateway.as(principal([accountB]))[operation.method](path);
        if (operation.method !== 'get' && operation.method !== 'post') {
          void request.set('if-match', `"${String(before.body.version)}"`);
        }
        const response = gateway.expectContract(
          operation.operationId,
          await (body === undefined ? request : request.send(body)),
        );
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('RESOURCE.NOT_FOUND');

        const after = await gateway.http().get(readPath);
        expect(after.body).toEqual(before.body);
        if (operation.method === 'get') {
          // Control: bound to account A, the same principal reads it.
          const own = await gateway.as(principal([accountA.customerId])).get(path);
          expect(gateway.expectContract(operation.operationId, own).status).toBe(200);
        }
      });
    },
  );
});

/** The path up to and including its last account-bound parameter: the object an operation
 *  acts on (/system/v1/customers/{customerId}/ship-tos acts on the customer). */
function objectPathOf(operation: ContractOperation, filledPath: string): string {
  const template = operation.path.split('/');
  const filled = filledPath.split('/');
  let last = template.length - 1;
  while (last > 0 && !/^\{[^}]+\}$/.test(template[last] ?? '')) last -= 1;
  return filled.slice(0, last + 1).join('/');
}
