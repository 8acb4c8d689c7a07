import { parse } from 'yaml';
import type { OpenApiDocument } from './contract-document';
import { ContractRegistry } from './contract-registry';
import { parseGovernance } from './governance/governance-catalogue';
import { READ_ONLY_MESSAGE, requestViewOf } from './read-only.rule';

const governance = parseGovernance(`
owners:
  erp-core: { name: ERP core, contact: erp@example.com }
scopes:
  things:write: Change things
plans:
  admin:
    limits: [{ limit: 10, window: 1s }]
`);

/** One operation whose request and response share a schema, as many contracts do. */
const document = parse(`
openapi: 3.1.0
info:
  title: Things
  version: 1.0.0
  x-api-id: system-things
  x-layer: system
  x-audience: internal
  x-owner: { team: erp-core, contact: erp@example.com }
  x-lifecycle: { status: active }
paths:
  /system/v1/things:
    post:
      operationId: createThing
      security: [{ bearer: ['things:write'] }]
      x-rate-limit: admin
      x-idempotency: optional
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Thing' }
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    Version: { type: integer, readOnly: true }
    Thing:
      type: object
      additionalProperties: false
      required: [id, name, version]
      properties:
        id: { type: string, readOnly: true }
        name: { type: string, minLength: 1 }
        version: { $ref: '#/components/schemas/Version' }
        totals:
          type: object
          properties:
            total: { type: string, readOnly: true }
`) as OpenApiDocument;

describe('the readOnly rule of request validation', () => {
  const registry = new ContractRegistry(
    [{ file: 'system/things.v1.yaml', uri: 'contract:things', document }],
    governance,
  );
  const validate = (body: unknown) => registry.validateRequest('createThing', { body });

  it('accepts a body without the server-owned fields, although responses require them', () => {
    expect(validate({ name: 'bolt' })).toEqual([]);
  });

  it.each([
    ['a readOnly property', { id: 'x', name: 'bolt' }, '/body/id'],
    ['a property whose $ref is readOnly', { name: 'bolt', version: 3 }, '/body/version'],
    [
      'a nested readOnly property',
      { name: 'bolt', totals: { total: '1.00' } },
      '/body/totals/total',
    ],
  ])('refuses %s, naming the field and the rule', (_label, body, path) => {
    expect(validate(body)).toEqual([{ path, rule: 'readOnly', message: READ_ONLY_MESSAGE }]);
  });

  it('names every server-owned field sent', () => {
    expect(validate({ id: 'x', name: 'bolt', version: 1 }).map((error) => error.path)).toEqual([
      '/body/id',
      '/body/version',
    ]);
  });

  it('still lets responses carry them, and requires them there', () => {
    expect(
      registry.validateResponse('createThing', 201, { id: 'x', name: 'b', version: 1 }),
    ).toEqual([]);
    expect(registry.validateResponse('createThing', 201, { name: 'b', version: 1 })).toEqual([
      expect.objectContaining({ path: '/response/id', rule: 'required' }),
    ]);
  });

  it('derives the request view without changing the contract', () => {
    const view = requestViewOf(document);
    const schemas = (doc: OpenApiDocument) =>
      doc.components?.schemas?.Thing as { required: string[] };
    expect(schemas(view).required).toEqual(['name']);
    expect(schemas(document).required).toEqual(['id', 'name', 'version']);
  });
});
