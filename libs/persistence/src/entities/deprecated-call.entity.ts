import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CheckPositive } from '../columns/check-constraints';

const TABLE = 'deprecated_calls';

/**
 * Calls to operations of a deprecated API, per consumer and UTC day, so the owner can see who
 * still has to move before the sunset. One row per key, counted up with
 * INSERT ... ON CONFLICT DO UPDATE (several gateway instances add to the same row).
 */
@Entity({ name: TABLE })
@Index(['apiId', 'day'])
@CheckPositive(TABLE, 'calls', 'api_major')
export class DeprecatedCall {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  /** info.x-api-id of the contract. */
  @PrimaryColumn({ type: 'text' })
  apiId!: string;

  /** Major version of the contract (customers.v1.yaml: 1). */
  @PrimaryColumn({ type: 'integer' })
  apiMajor!: number;

  @PrimaryColumn({ type: 'text' })
  operationId!: string;

  /** principalKey (kind:subject) of the caller, or 'anonymous' when no valid token came. */
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @Column({ type: 'bigint' })
  calls!: string;

  @Column({ type: 'timestamptz' })
  firstCallAt!: Date;

  @Column({ type: 'timestamptz' })
  lastCallAt!: Date;
}
