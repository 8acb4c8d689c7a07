import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { customerBody } from '../factories/customer.factory';
import { warehouseBody } from '../factories/warehouse.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { administrator, IdempotencyDatabase, newKey } from './idempotency.fixture';

type Operation = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, Operation>> };

/**
 * A copy of openapi/ where createCustomer requires a key and createWarehouse requires one
 * without security (keyed by client IP): no real contract says `required` yet.
 */
function contractsRequiringKeys(): string {
  const directory = mkdtempSync(join(tmpdir(), 'o2c-idempotency-contracts-'));
  cpSync(join(__dirname, '..', '..', 'openapi'), directory, { recursive: true });
  const edit = (file: string, path: string, change: (operation: Operation) => void) => {
    const location = join(directory, 'system', file);
    const document = parse(readFileSync(location, 'utf8')) as Document;
    const operation = document.paths[path]?.post;
    if (!operation) throw new Error(`${file}: no POST ${path}`);
    change(operation);
    writeFileSync(location, stringify(document));
  };
  edit('customers.v1.yaml', '/system/v1/customers', (operation) => {
    operation['x-idempotency'] = 'required';
  });
  edit('inventory.v1.yaml', '/system/v1/warehouses', (operation) => {
    operation['x-idempotency'] = 'required';
    operation.security = [];
  });
  return directory;
}

describe('Idempotency-Key (x-idempotency: required)', () => {
  let gateway: TestGateway;
  let database: IdempotencyDatabase;
  let contracts: string;

  beforeAll(async () => {
    contracts = contractsRequiringKeys();
    gateway = await startTestGateway({ CONTRACTS_DIR: contracts });
    database = await IdempotencyDatabase.connect(gateway.database.url);
  });
  afterAll(async () => {
    await database.close();
    await gateway.close();
    rmSync(contracts, { recursive: true, force: true });
  });

  it('refuses a request without the header: 400 naming the header and rule required', async () => {
    const body = customerBody();
    const refused = gateway.expectContract(
      'createCustomer',
      await gateway.as(administrator(gateway)).post('/system/v1/customers').send(body),
    );
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
      errors: [
        {
          path: '/headers/idempotency-key',
          rule: 'required',
          message: 'is required by createCustomer',
        },
      ],
    });
    expect(await database.count('customers', 'customer_number = $1', [body.customerNumber])).toBe(
      0,
    );
  });

  it('runs a request with the header once and replays it', async () => {
    const principal = administrator(gateway);
    const key = newKey();
    const body = customerBody();
    const send = () =>
      gateway.as(principal).post('/system/v1/customers').set('Idempotency-Key', key).send(body);
    const first = gateway.expectContract('createCustomer', await send());
    const replay = gateway.expectContract('createCustomer', await send());
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it('keys an operation without security by the client IP', async () => {
    const key = newKey();
    const body = warehouseBody();
    const send = () =>
      gateway.anonymous().post('/system/v1/warehouses').set('Idempotency-Key', key).send(body);
    const first = gateway.expectContract('createWarehouse', await send());
    const replay = gateway.expectContract('createWarehouse', await send());
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const [record] = await database.records(key);
    expect(record?.consumerId).toMatch(/^ip:(?:::ffff:)?127\.0\.0\.1$/);
  });
});
