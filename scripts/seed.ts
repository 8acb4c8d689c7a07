import 'reflect-metadata';
import { DEFAULT_DEMO_DATA, isDemoDataError, seedDemoData } from '@o2c/demo-data';
import { runMigrations } from '@o2c/persistence';

const USAGE = `Usage: npm run seed -- [--customers N] [--items N] [--seed N] [--as-of YYYY-MM-DD]

Applies pending migrations to DATABASE_URL, then loads a generated industrial-distributor data
set (warehouses, customers with ship-tos, items with units and substitutes, price agreements,
inventory) in one transaction. Defaults: ${DEFAULT_DEMO_DATA.customers} customers, ${DEFAULT_DEMO_DATA.items} items, seed ${DEFAULT_DEMO_DATA.seed}, as-of today.

Loads only into an empty database: when customers, items or warehouses already hold rows it
refuses and writes nothing (there is no append mode; drop and recreate the database to reseed).
`;

interface SeedArguments {
  customers: number;
  items: number;
  seed: number;
  asOf?: string;
}

class UsageError extends Error {}

function wholeNumber(flag: string, text: string | undefined): number {
  if (text === undefined || !/^-?\d+$/.test(text)) {
    throw new UsageError(`${flag} needs a whole number, got ${text ?? 'nothing'}`);
  }
  return Number(text);
}

function parseArguments(argv: readonly string[]): SeedArguments | 'help' {
  const parsed: SeedArguments = { ...DEFAULT_DEMO_DATA };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--customers':
        parsed.customers = wholeNumber(flag, value);
        break;
      case '--items':
        parsed.items = wholeNumber(flag, value);
        break;
      case '--seed':
        parsed.seed = wholeNumber(flag, value);
        break;
      case '--as-of':
        if (value === undefined) throw new UsageError('--as-of needs a date (YYYY-MM-DD)');
        parsed.asOf = value;
        break;
      default:
        throw new UsageError(`unknown argument ${flag}`);
    }
    i += 1;
  }
  return parsed;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url.trim() === '') {
    throw new UsageError(
      'DATABASE_URL is not set; e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/o2c npm run seed',
    );
  }
  if (!/^postgres(?:ql)?:\/\//.test(url)) {
    throw new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return url;
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const url = databaseUrl();
  const migrating = performance.now();
  const applied = await runMigrations(url);
  const migrateMs = Math.round(performance.now() - migrating);
  process.stdout.write(
    `migrations: ${applied.length > 0 ? applied.join(', ') : 'schema up to date'} (${migrateMs} ms)\n`,
  );

  const result = await seedDemoData(url, options);
  const width = Math.max(...Object.keys(result.counts).map((table) => table.length));
  for (const [table, count] of Object.entries(result.counts)) {
    process.stdout.write(`  ${table.padEnd(width)}  ${String(count).padStart(9)}\n`);
  }
  const total = Object.values(result.counts).reduce((sum, count) => sum + count, 0);
  process.stdout.write(
    `seeded ${total} rows (seed ${options.seed}) in ${result.ms} ms ` +
      `(generate ${result.generateMs} ms, insert ${result.loadMs} ms, rest is checks and ANALYZE)\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`seed: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (isDemoDataError(error)) {
      process.stderr.write(`seed refused (${error.code}): ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
