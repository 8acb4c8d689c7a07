import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_VIOLATIONS_HEADER } from '@o2c/contracts';
import { parse, stringify } from 'yaml';
import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** A copy of the contracts whose Customer schema demands a field the gateway never sends. */
function contractsExpectingNickname(): string {
  const directory = mkdtempSync(join(tmpdir(), 'o2c-response-contracts-'));
  cpSync(join(__dirname, '..', '..', 'openapi'), directory, { recursive: true });
  const file = join(directory, 'system', 'customers.v1.yaml');
  const document = parse(readFileSync(file, 'utf8')) as {
    components: { schemas: { Customer: { required: string[] } } };
  };
  document.components.schemas.Customer.required.push('nickname');
  writeFileSync(file, stringify(document));
  return directory;
}

describe('runtime response validation (VALIDATE_RESPONSES, for staging)', () => {
  let strict: TestGateway;
  let drifting: TestGateway;

  beforeAll(async () => {
    // passport keeps one global 'jwt' strategy per process: two gateways in one test process
    // must trust the same key (in production each process runs one gateway).
    const JWT_SIGNING_KEY_FILE = join(mkdtempSync(join(tmpdir(), 'o2c-keys-')), 'signing-key.pem');
    strict = await startTestGateway({ VALIDATE_RESPONSES: 'true', JWT_SIGNING_KEY_FILE });
    drifting = await startTestGateway({
      JWT_SIGNING_KEY_FILE,
      VALIDATE_RESPONSES: 'true',
      CONTRACTS_DIR: contractsExpectingNickname(),
    });
  });
  afterAll(async () => {
    await strict.close();
    await drifting.close();
  });

  it('lets responses that match their schema through untouched', async () => {
    const created = await strict.http().post('/system/v1/customers').send(customerBody());
    expect(created.status).toBe(201);
    expect(created.headers[CONTRACT_VIOLATIONS_HEADER]).toBeUndefined();
    const read = await strict.http().get(`/system/v1/customers/${created.body.id}`);
    expect(read.headers[CONTRACT_VIOLATIONS_HEADER]).toBeUndefined();
  });

  it('flags a response that breaks its schema, and still delivers it', async () => {
    const created = await drifting.http().post('/system/v1/customers').send(customerBody());
    expect(created.status).toBe(201);
    expect(created.headers[CONTRACT_VIOLATIONS_HEADER]).toBe('1');
    const read = await drifting.http().get(`/system/v1/customers/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers[CONTRACT_VIOLATIONS_HEADER]).toBe('1');
  });
});
