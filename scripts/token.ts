import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { type Environment, EnvironmentError, loadEnvironment } from '@o2c/config';
import { type GovernanceCatalogue, loadGovernance } from '@o2c/contracts';
import { loadOrCreateSigningKey, TokenIssuer, type TokenRequest } from '@o2c/governance';
import { embeddedDatabaseUrl } from '@o2c/persistence';
import { Client } from 'pg';

const USAGE = `Prints an access token signed with the gateway's key (JWT_SIGNING_KEY_FILE).

  npm run -s token -- --role <role>                      internal staff (roles in openapi/governance.yaml)
  npm run -s token -- --customer <id or number>          a customer user bound to that account
  npm run -s token -- --sales-rep <id> --customers <ids or numbers, comma-separated>
  npm run -s token -- --partner <clientId>               an API client (partner, warehouse or carrier), as registered
  npm run -s token -- --warehouse <codes, comma-separated> a warehouse system (WMS, 3PL) for those warehouses
  npm run -s token -- --carrier <SCAC>                   a carrier, for the shipments it carries

Options: --ttl <seconds> (default ACCESS_TOKEN_TTL_SECONDS), --scopes <a,b> (narrower or other
catalogue scopes), --subject <id> (the sub claim for --role, --customer, --warehouse, --carrier).
Customer numbers and partner clients are read from DATABASE_URL, or from the embedded database
of a running \`npm start\`. Example: TOKEN=$(npm run -s token -- --role admin)
`;

/** A mistake of the caller: printed without a stack trace. */
class UsageError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TTL_SECONDS = 30 * 86_400;
/** Roles in governance.yaml that describe other principals than internal staff. */
const OTHER_PRINCIPALS: Record<string, string> = {
  'sales-rep': '--sales-rep <id> --customers <accounts>',
  'customer-user': '--customer <account>',
  'partner-client': '--partner <clientId>',
  'warehouse-client': '--warehouse <codes>',
  'carrier-client': '--carrier <SCAC>',
};

type Options = Partial<
  Record<
    | 'role'
    | 'customer'
    | 'sales-rep'
    | 'customers'
    | 'partner'
    | 'warehouse'
    | 'carrier'
    | 'ttl'
    | 'scopes'
    | 'subject',
    string
  >
>;

function list(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

async function withDatabase<T>(
  environment: Environment,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const url =
    environment.DATABASE_URL ?? (await embeddedDatabaseUrl(environment.EMBEDDED_POSTGRES_DIR));
  if (!url) throw new UsageError('set DATABASE_URL, or run `npm start` for the embedded database');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Account ids for ids or customer numbers; only numbers need the database. */
async function customerIds(environment: Environment, references: string[]): Promise<string[]> {
  const numbers = references.filter((reference) => !UUID.test(reference));
  if (numbers.length === 0) return references;
  const found = await withDatabase(environment, async (client) => {
    const { rows } = await client.query<{ id: string; customer_number: string }>(
      'SELECT id, customer_number FROM customers WHERE customer_number = ANY($1)',
      [numbers],
    );
    return new Map(rows.map((row) => [row.customer_number, row.id]));
  });
  const missing = numbers.filter((number) => !found.has(number));
  if (missing.length > 0) throw new UsageError(`no customer numbered ${missing.join(', ')}`);
  return references.map((reference) => found.get(reference) ?? reference);
}

function scopesOf(governance: GovernanceCatalogue, role: string): string[] {
  const scopes = governance.roles.get(role);
  if (!scopes) {
    throw new UsageError(`unknown role ${role} (${[...governance.roles.keys()].join(', ')})`);
  }
  return scopes;
}

/** --scopes replaces the defaults; every scope must be in the catalogue (and, for partners,
 *  held by the client). */
function chosenScopes(
  options: Options,
  governance: GovernanceCatalogue,
  defaults: string[],
  limit?: string[],
): string[] {
  if (options.scopes === undefined) return defaults;
  const scopes = list(options.scopes);
  const unknown = scopes.filter((scope) => !governance.scopes.has(scope));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(', ')}`);
  const beyond = limit ? scopes.filter((scope) => !limit.includes(scope)) : [];
  if (beyond.length > 0) throw new UsageError(`the client does not hold ${beyond.join(', ')}`);
  return scopes;
}

async function partnerRequest(
  environment: Environment,
  governance: GovernanceCatalogue,
  options: Options,
  clientId: string,
): Promise<TokenRequest> {
  const client = await withDatabase(environment, async (db) => {
    const { rows } = await db.query<{
      scopes: string[];
      customer_ids: string[];
      rate_limit_plan: string;
      status: string;
      kind: 'partner' | 'warehouse' | 'carrier';
      warehouse_codes: string[];
      carrier_code: string | null;
    }>(
      `SELECT scopes, customer_ids, rate_limit_plan, status, kind, warehouse_codes, carrier_code
         FROM api_clients WHERE client_id = $1`,
      [clientId],
    );
    return rows[0];
  });
  if (!client) throw new UsageError(`no API client ${clientId}`);
  if (client.status !== 'active')
    throw new UsageError(`API client ${clientId} is ${client.status}`);
  const binding =
    client.kind === 'warehouse'
      ? { kind: 'warehouse_client' as const, warehouseCodes: client.warehouse_codes }
      : client.kind === 'carrier'
        ? { kind: 'carrier_client' as const, carrierCode: client.carrier_code ?? '' }
        : { kind: 'partner_client' as const };
  return {
    subject: clientId,
    ...binding,
    scopes: chosenScopes(options, governance, client.scopes, client.scopes),
    customerIds: client.customer_ids,
    plan: client.rate_limit_plan,
    clientId,
  };
}

async function tokenRequest(
  options: Options,
  environment: Environment,
  governance: GovernanceCatalogue,
): Promise<TokenRequest> {
  const chosen = (
    ['role', 'customer', 'sales-rep', 'partner', 'warehouse', 'carrier'] as const
  ).filter((option) => options[option] !== undefined);
  if (chosen.length !== 1) {
    throw new UsageError(
      'give exactly one of --role, --customer, --sales-rep, --partner, --warehouse, --carrier',
    );
  }
  if (options.customers !== undefined && options['sales-rep'] === undefined) {
    throw new UsageError('--customers belongs to --sales-rep');
  }
  if (options.role !== undefined) {
    const hint = OTHER_PRINCIPALS[options.role];
    if (hint) throw new UsageError(`${options.role} is not an internal role; use ${hint}`);
    return {
      subject: options.subject ?? `local-${options.role}`,
      kind: 'internal',
      roles: [options.role],
      scopes: chosenScopes(options, governance, scopesOf(governance, options.role)),
    };
  }
  if (options.customer !== undefined) {
    return {
      subject: options.subject ?? `customer-user@${options.customer}`,
      kind: 'customer_user',
      scopes: chosenScopes(options, governance, scopesOf(governance, 'customer-user')),
      customerIds: await customerIds(environment, [options.customer]),
    };
  }
  if (options['sales-rep'] !== undefined) {
    if (!options.customers) throw new UsageError('--sales-rep needs --customers <accounts>');
    return {
      subject: options['sales-rep'],
      kind: 'sales_rep',
      roles: ['sales-rep'],
      scopes: chosenScopes(options, governance, scopesOf(governance, 'sales-rep')),
      customerIds: await customerIds(environment, list(options.customers)),
    };
  }
  if (options.warehouse !== undefined) {
    const warehouseCodes = list(options.warehouse);
    if (warehouseCodes.length === 0) throw new UsageError('--warehouse needs warehouse codes');
    return {
      subject: options.subject ?? `wms-${warehouseCodes.join('-').toLowerCase()}`,
      kind: 'warehouse_client',
      scopes: chosenScopes(options, governance, scopesOf(governance, 'warehouse-client')),
      warehouseCodes,
      customerIds: [],
    };
  }
  if (options.carrier !== undefined) {
    return {
      subject: options.subject ?? `carrier-${options.carrier.toLowerCase()}`,
      kind: 'carrier_client',
      scopes: chosenScopes(options, governance, scopesOf(governance, 'carrier-client')),
      carrierCode: options.carrier,
      customerIds: [],
    };
  }
  return partnerRequest(environment, governance, options, options.partner ?? '');
}

function ttlOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new UsageError(`--ttl must be whole seconds from 1 to ${MAX_TTL_SECONDS}`);
  }
  return seconds;
}

async function main(): Promise<void> {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    options: {
      role: text,
      customer: text,
      'sales-rep': text,
      customers: text,
      partner: text,
      warehouse: text,
      carrier: text,
      ttl: text,
      scopes: text,
      subject: text,
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { help: _help, ...options } = values;
  const ttlSeconds = ttlOf(options.ttl);
  const environment = loadEnvironment();
  const governance = loadGovernance(environment.CONTRACTS_DIR);
  const request = await tokenRequest(options, environment, governance);
  const issuer = new TokenIssuer(
    loadOrCreateSigningKey(environment.JWT_SIGNING_KEY_FILE),
    environment,
  );
  // Only the token goes to stdout, so that TOKEN=$(npm run -s token -- ...) works.
  process.stdout.write(`${issuer.issue({ ...request, ttlSeconds }).accessToken}\n`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof UsageError ||
    error instanceof EnvironmentError ||
    (error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS'));
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `token: ${known ? message : error instanceof Error ? (error.stack ?? message) : message}\n${known ? `\n${USAGE}` : ''}`,
  );
  process.exit(1);
});
