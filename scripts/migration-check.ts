/**
 * CI guard: entities and migrations must agree.
 *
 *   DATABASE_URL=postgres://... node -r @swc-node/register scripts/migration-check.ts
 *
 * Applies every migration, then asks the schema builder what it would still change.
 * Exits 1 and prints that SQL when anything is left; use a fresh database.
 */
import { createDataSource, schemaDrift } from '@o2c/persistence';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    return 2;
  }
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) console.log(`applied ${migration.name}`);
    const drift = await schemaDrift(dataSource);
    if (drift.length > 0) {
      console.error(`schema drift: entities and migrations disagree (${drift.length} statements)`);
      for (const sql of drift) console.error(`${sql};`);
      console.error('run scripts/migration-generate.ts <Name> to write the missing migration');
      return 1;
    }
    console.log('no drift: entities and migrations agree');
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
