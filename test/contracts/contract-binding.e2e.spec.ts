import { ContractBindingVerifier } from '@o2c/contracts';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('contracts and served routes', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('serves exactly the operations the contracts declare, each with one handler', () => {
    const verifier = gateway.app.get(ContractBindingVerifier);
    const served = verifier
      .boundRoutes()
      .map((route) => `${route.method.toUpperCase()} ${route.path} ${route.operationId}`)
      .sort();
    const declared = [...gateway.contracts.operations.values()]
      .map(
        (operation) =>
          `${operation.method.toUpperCase()} ${operation.routePath} ${operation.operationId}`,
      )
      .sort();
    expect(served).toEqual(declared);
  });

  it('leaves no controller route outside the contracts except health checks and metrics', () => {
    const unbound = gateway.app
      .get(ContractBindingVerifier)
      .controllerRoutes()
      .filter((route) => route.operationId === undefined)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(unbound.sort()).toEqual(['GET /health/live', 'GET /health/ready', 'GET /metrics']);
  });

  it('registers every contract operation with the HTTP router', () => {
    const fastify = gateway.app.getHttpAdapter().getInstance();
    const missing = [...gateway.contracts.operations.values()].filter(
      (operation) =>
        !fastify.hasRoute({ method: operation.method.toUpperCase(), url: operation.routePath }),
    );
    expect(missing.map((operation) => operation.operationId)).toEqual([]);
  });

  // The governance of each operation changes only on purpose: update this snapshot in the same
  // change that edits the contract (`npx jest test/contracts -u`), so the diff shows it.
  it('keeps operation -> owner, layer, audience, scopes, plan, idempotency as committed', () => {
    const summary = Object.fromEntries(
      [...gateway.contracts.operations.values()]
        .sort((a, b) => a.operationId.localeCompare(b.operationId))
        .map((operation) => [
          operation.operationId,
          {
            api: operation.apiId,
            owner: operation.owner,
            layer: operation.layer,
            audience: operation.audience,
            lifecycle: operation.lifecycle.status,
            scopes: operation.security.map((requirement) =>
              Object.values(requirement).flat().sort(),
            ),
            rateLimit: operation.rateLimit,
            idempotency: operation.idempotency,
          },
        ]),
    );
    expect(summary).toMatchSnapshot();
  });
});
