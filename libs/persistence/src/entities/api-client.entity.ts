import { Column, Entity } from 'typeorm';
import { CheckIn, CheckThat } from '../columns/check-constraints';
import { VersionedRecord } from './versioned-record.base';

export const API_CLIENT_STATUSES = ['active', 'revoked'] as const;
export type ApiClientStatus = (typeof API_CLIENT_STATUSES)[number];

/**
 * partner: a customer's system, bound to customer accounts; warehouse: a WMS or 3PL reporting
 * picks, packs and shipments for its warehouses; carrier: a carrier reporting tracking events
 * for the shipments it carries.
 */
export const API_CLIENT_KINDS = ['partner', 'warehouse', 'carrier'] as const;
export type ApiClientKind = (typeof API_CLIENT_KINDS)[number];

/** One hashed secret; several may be valid at once while a secret is rotated. */
export interface ApiClientSecretHash {
  hash: string;
  created_at: string;
  /** ISO timestamp after which this secret is refused; absent = no expiry. */
  not_after?: string;
}

const TABLE = 'api_clients';

/** A partner's OAuth2 client-credentials client. Secrets are stored hashed only. */
@Entity({ name: TABLE })
@CheckIn(TABLE, 'status', API_CLIENT_STATUSES)
@CheckIn(TABLE, 'kind', API_CLIENT_KINDS)
@CheckThat(TABLE, 'warehouse_binding', "(kind = 'warehouse') = (cardinality(warehouse_codes) > 0)")
@CheckThat(TABLE, 'carrier_binding', "(kind = 'carrier') = (carrier_code IS NOT NULL)")
@CheckThat(TABLE, 'revocation', "(status = 'revoked') = (revoked_at IS NOT NULL)")
export class ApiClient extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  clientId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  secretHashes!: ApiClientSecretHash[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  /** Customer accounts this client may act for (no FK on array elements: checked in code). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  customerIds!: string[];

  @Column({ type: 'text', default: 'partner' })
  kind!: ApiClientKind;

  /** Warehouses (codes) a warehouse client reports for; empty for other kinds. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  warehouseCodes!: string[];

  /** A carrier client's SCAC; null for other kinds. */
  @Column({ type: 'text', nullable: true })
  carrierCode!: string | null;

  /** Plan name from openapi/governance.yaml. */
  @Column({ type: 'text' })
  rateLimitPlan!: string;

  @Column({ type: 'text', default: 'active' })
  status!: ApiClientStatus;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
