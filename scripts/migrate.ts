import 'reflect-metadata';
import { provisionDatabase, runMigrations } from '@o2c/persistence';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded server). */
async function main(): Promise<void> {
  const database = await provisionDatabase({
    databaseUrl: process.env.DATABASE_URL,
    embeddedDirectory: process.env.EMBEDDED_POSTGRES_DIR ?? '.data/postgres',
  });
  try {
    const applied = await runMigrations(database.url);
    process.stdout.write(
      applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'schema up to date\n',
    );
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${String(error)}\n`);
  process.exit(1);
});
