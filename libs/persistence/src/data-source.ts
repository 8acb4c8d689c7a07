import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ConnectionGuardClient } from './connection-guard.client';
import { ENTITIES } from './entity-list';
import { SnakeCaseNamingStrategy } from './naming/snake-case-naming.strategy';

export { ENTITIES } from './entity-list';

export interface DataSourceSettings {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections in the pool; more than ~8 only adds latency on a small machine. */
  poolSize?: number;
  logging?: boolean;
}

/**
 * The one way to configure TypeORM for this schema: entities, naming strategy and migrations
 * must travel together, or queries and the drift check see different column names.
 * The schema is created by migrations only (never `synchronize`), and no extension is
 * installed: ids use the built-in gen_random_uuid().
 */
export function createDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeCaseNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: settings.logging ?? false,
    extra: {
      max: settings.poolSize ?? 8,
      // Only named (prepared) statements have cached plans, and those are the hot paths' key
      // lookups (see preparedStatement): plan them once, not again on every execution.
      // No JIT: a batch statement over a few thousand rows looks costly enough to the planner
      // to be compiled, and compiling (a quarter of a second) costs more than it ever saves
      // on statements that each run in milliseconds to a few hundred.
      options: '-c plan_cache_mode=force_generic_plan -c jit=off',
      Client: ConnectionGuardClient,
    },
  };
}

/** A configured, not yet initialised DataSource. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(createDataSourceOptions(settings));
}

/** Applies pending migrations and returns the names of those it ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * SQL the schema builder would run to make the database match the entities; empty when
 * entities and applied migrations agree.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
