import { castExpression, encodeArray, parameterType } from './array-literal.encoder';
import { DEMO_TABLES } from './demo-tables';
import { insertStatement } from './unnest-insert.writer';

describe('array literal encoding', () => {
  it('quotes and escapes text', () => {
    expect(
      encodeArray(['plain', 'with "quotes"', 'back\\slash', 'a,b', '{}', 'NULL'], 'text'),
    ).toBe('{"plain","with \\"quotes\\"","back\\\\slash","a,b","{}","NULL"}');
  });

  it('writes NULL, booleans and safe scalars unquoted', () => {
    expect(encodeArray([null, 'x'], 'text')).toBe('{NULL,"x"}');
    expect(encodeArray([true, false], 'boolean')).toBe('{t,f}');
    expect(encodeArray(['1.50', null], 'numeric')).toBe('{1.50,NULL}');
    expect(encodeArray([30, 45], 'integer')).toBe('{30,45}');
    expect(encodeArray(['2026-03-01'], 'date')).toBe('{2026-03-01}');
  });

  it('serialises jsonb and nested text arrays as quoted text', () => {
    expect(encodeArray([{ city: 'O"Hare' }], 'jsonb')).toBe('{"{\\"city\\":\\"O\\\\\\"Hare\\"}"}');
    expect(encodeArray([['A B', 'C"D'], []], 'text[]')).toBe(
      '{"{\\"A B\\",\\"C\\\\\\"D\\"}","{}"}',
    );
    expect(parameterType('jsonb')).toBe('text[]');
    expect(castExpression('bill_to', 'jsonb')).toBe('"bill_to"::jsonb');
    expect(castExpression('external_aliases', 'text[]')).toBe('"external_aliases"::text[]');
  });

  it('is an empty array for no rows', () => {
    expect(encodeArray([], 'uuid')).toBe('{}');
  });
});

describe('insertStatement', () => {
  it('inserts one unnest() parameter per column', () => {
    const warehouses = DEMO_TABLES.find((writer) => writer.table === 'warehouses');
    expect(warehouses && insertStatement(warehouses)).toBe(
      'INSERT INTO "warehouses" ("id", "code", "name", "address", "regions_served", "active") ' +
        'SELECT "id", "code", "name", "address"::jsonb, "regions_served"::text[], "active" ' +
        'FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[]) ' +
        'AS batch("id", "code", "name", "address", "regions_served", "active")',
    );
  });

  it('loads parents before children', () => {
    const order = DEMO_TABLES.map((writer) => writer.table);
    const before = (parent: string, child: string) =>
      expect(order.indexOf(parent)).toBeLessThan(order.indexOf(child));
    before('customers', 'customer_ship_tos');
    before('items', 'item_uom_conversions');
    before('price_agreements', 'price_agreement_breaks');
    before('warehouses', 'inventory_balances');
    before('items', 'customer_item_references');
  });
});
