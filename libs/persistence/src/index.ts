export * from './entities';
export {
  DecimalStringTransformer,
  decimalStringTransformer,
  type DecimalString,
} from './columns/decimal-string.transformer';
export { SnakeCaseNamingStrategy } from './naming/snake-case-naming.strategy';
export {
  ENTITIES,
  createDataSource,
  createDataSourceOptions,
  runMigrations,
  schemaDrift,
  type DataSourceSettings,
} from './data-source';
export {
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './embedded/embedded-postgres.server';
export {
  provisionDatabase,
  embeddedDatabaseUrl,
  type ProvisionedDatabase,
  type ProvisionOptions,
} from './embedded/database-provisioning';
export { joinOrBeginTransaction, runInSharedTransaction } from './transactions/shared-transaction';
export { readAll } from './transactions/read-all';
export {
  preparedStatement,
  queryPrepared,
  type PreparedStatement,
} from './statements/prepared-statement';
export { StatementBatch, type BatchedStatement } from './statements/statement-batch';
export { INSERT_EVENTS_AND_OUTBOX } from './statements/events-and-outbox.statement';
export { timeOrderedId } from './keys/time-ordered-id';
