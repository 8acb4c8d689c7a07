import {
  identifyPayer,
  type KnownCustomer,
  normaliseIdentifier,
  normalisePartyName,
  type PayerEvidence,
} from './payer-identification';

const known: KnownCustomer[] = [
  {
    customerId: 'c-acme',
    customerNumber: 'C-10042',
    name: 'Acme Hardware, Inc.',
    aliases: ['DE89 3704 0044 0532 0130 00', 'Acme Tools Midwest'],
  },
  { customerId: 'c-bolt', customerNumber: 'C-10077', name: 'Bolt & Nut Supply LLC', aliases: [] },
  {
    customerId: 'c-acme-eu',
    customerNumber: 'C-20001',
    name: 'Acme Hardware Europe GmbH',
    aliases: [],
  },
];

const payer = (overrides: Partial<PayerEvidence>): PayerEvidence => ({
  name: null,
  accounts: [],
  identifiers: [],
  aliases: [],
  ...overrides,
});

describe('normalisePartyName / normaliseIdentifier', () => {
  it.each([
    ['Acme Hardware, Inc.', 'ACME HARDWARE'],
    ['ACME HARDWARE INCORPORATED', 'ACME HARDWARE'],
    ['Bolt & Nut Supply LLC', 'BOLT AND NUT SUPPLY'],
    ['Müller Werkzeuge GmbH & Co. KG', 'MULLER WERKZEUGE'],
    ['The Fastener Co', 'FASTENER'],
    ['  ', ''],
  ])('%p -> %p', (name, expected) => {
    expect(normalisePartyName(name)).toBe(expected);
  });

  it('keeps letters and digits of identifiers', () => {
    expect(normaliseIdentifier('de89 3704-0044 0532 0130 00')).toBe('DE89370400440532013000');
  });
});

describe('identifyPayer', () => {
  it('by bank account, however it is spaced', () => {
    const result = identifyPayer(payer({ accounts: ['DE89370400440532013000'] }), known);
    expect(result).toMatchObject({
      customerId: 'c-acme',
      match: { rule: 'bank-account', confidence: 0.99 },
    });
  });

  it('by the customer number quoted in the remittance', () => {
    const result = identifyPayer(payer({ identifiers: ['c10077'] }), known);
    expect(result.match).toMatchObject({ customerId: 'c-bolt', rule: 'customer-number' });
  });

  it('by a known alias, among the other names on the payment', () => {
    const result = identifyPayer(
      payer({ name: 'PAYMENTS HUB LTD', aliases: ['ACME TOOLS MIDWEST INC'] }),
      known,
    );
    expect(result.match).toMatchObject({ customerId: 'c-acme', rule: 'alias', confidence: 0.95 });
  });

  it('by name once legal forms and punctuation are ignored', () => {
    const result = identifyPayer(payer({ name: 'BOLT AND NUT SUPPLY' }), known);
    expect(result.match).toMatchObject({ customerId: 'c-bolt', rule: 'name', confidence: 0.9 });
  });

  it('a merely similar name is a candidate, not an identification', () => {
    const result = identifyPayer(payer({ name: 'BOLT NUT SUPPLY' }), known);
    expect(result.customerId).toBeNull();
    expect(result.candidates).toEqual([
      expect.objectContaining({ customerId: 'c-bolt', confidence: 0.7 }),
    ]);
  });

  it('two customers matching equally well identify nobody', () => {
    const twins: KnownCustomer[] = [
      { customerId: 'a', customerNumber: '1', name: 'Delta Parts', aliases: [] },
      { customerId: 'b', customerNumber: '2', name: 'DELTA PARTS INC', aliases: [] },
    ];
    const result = identifyPayer(payer({ name: 'Delta Parts LLC' }), twins);
    expect(result.customerId).toBeNull();
    expect(result.candidates.map((c) => c.customerId)).toEqual(['a', 'b']);
  });

  it('an unknown payer: nobody, no candidates', () => {
    expect(identifyPayer(payer({ name: 'Stranger Things Ltd' }), known)).toEqual({
      customerId: null,
      match: null,
      candidates: [],
    });
  });
});
