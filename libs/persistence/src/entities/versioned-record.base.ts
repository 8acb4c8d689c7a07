import { PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../columns/column-types';

/**
 * Columns every mutable record carries: an opaque uuid id (gen_random_uuid()), a version for
 * optimistic concurrency (ETag / If-Match) and timestamps. Raw SQL updates must bump them
 * themselves: `SET version = version + 1, updated_at = now()`; raw inserts may rely on the defaults.
 */
export abstract class VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** Postal address kept as jsonb: shape owned by the API contract. */
export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  attention?: string;
}
