import type { MigrationInterface } from 'typeorm';
import { CanonicalModel1764201600000 } from './1764201600000-canonical-model';
import { DeprecatedCalls1795741663937 } from './1795741663937-deprecated-calls';

/** Every migration, oldest first. Add each new migration here (the data source imports this list). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CanonicalModel1764201600000,
  DeprecatedCalls1795741663937,
];
