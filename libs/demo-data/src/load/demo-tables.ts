import type { DemoDataSet, DemoTable } from '../model/demo-data.types';
import { type CellValue, type ColumnType, encodeArray } from './array-literal.encoder';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

/** A table the demo data writes: its columns, and how to encode a slice of its rows. */
export interface TableWriter {
  key: DemoTable;
  table: string;
  columns: readonly ColumnSpec[];
  rowCount(data: DemoDataSet): number;
  /** One array literal per column for rows [start, end). */
  encode(data: DemoDataSet, start: number, end: number): string[];
}

type Row<K extends DemoTable> = DemoDataSet[K][number];
type Column<K extends DemoTable> = readonly [
  name: string,
  type: ColumnType,
  value: (row: Row<K>) => CellValue,
];

function table<K extends DemoTable>(
  key: K,
  name: string,
  columns: readonly Column<K>[],
): TableWriter {
  return {
    key,
    table: name,
    columns: columns.map(([column, type]) => ({ name: column, type })),
    rowCount: (data) => data[key].length,
    encode: (data, start, end) => {
      const rows = (data[key] as Row<K>[]).slice(start, end);
      return columns.map(([, type, value]) => encodeArray(rows.map(value), type));
    },
  };
}

/**
 * Column mapping, parents before children (the load order). version, created_at and
 * updated_at are left to their defaults (1, now()).
 */
export const DEMO_TABLES: readonly TableWriter[] = [
  table('warehouses', 'warehouses', [
    ['id', 'uuid', (r) => r.id],
    ['code', 'text', (r) => r.code],
    ['name', 'text', (r) => r.name],
    ['address', 'jsonb', (r) => r.address],
    ['regions_served', 'text[]', (r) => r.regionsServed],
    ['active', 'boolean', (r) => r.active],
  ]),
  table('customers', 'customers', [
    ['id', 'uuid', (r) => r.id],
    ['customer_number', 'text', (r) => r.customerNumber],
    ['name', 'text', (r) => r.name],
    ['status', 'text', (r) => r.status],
    ['credit_limit', 'numeric', (r) => r.creditLimit],
    ['currency', 'text', (r) => r.currency],
    ['payment_terms', 'text', (r) => r.paymentTerms],
    ['account_manager', 'text', (r) => r.accountManager],
    ['risk_tier', 'text', (r) => r.riskTier],
    ['bill_to', 'jsonb', (r) => r.billTo],
    ['shortage_policy', 'text', (r) => r.shortagePolicy],
    ['allow_substitutions', 'boolean', (r) => r.allowSubstitutions],
    ['price_tolerance_percent', 'numeric', (r) => r.priceTolerancePercent],
    ['price_deviation_action', 'text', (r) => r.priceDeviationAction],
    ['overdue_days_limit', 'integer', (r) => r.overdueDaysLimit],
    ['margin_floor_percent', 'numeric', (r) => r.marginFloorPercent],
    ['external_aliases', 'text[]', (r) => r.externalAliases],
  ]),
  table('customerShipTos', 'customer_ship_tos', [
    ['id', 'uuid', (r) => r.id],
    ['customer_id', 'uuid', (r) => r.customerId],
    ['code', 'text', (r) => r.code],
    ['name', 'text', (r) => r.name],
    ['address', 'jsonb', (r) => r.address],
    ['region', 'text', (r) => r.region],
    ['active', 'boolean', (r) => r.active],
  ]),
  table('items', 'items', [
    ['id', 'uuid', (r) => r.id],
    ['sku', 'text', (r) => r.sku],
    ['description', 'text', (r) => r.description],
    ['base_uom', 'text', (r) => r.baseUom],
    ['standard_cost', 'numeric', (r) => r.standardCost],
    ['list_price', 'numeric', (r) => r.listPrice],
    ['currency', 'text', (r) => r.currency],
    ['sellable', 'boolean', (r) => r.sellable],
    ['product_group', 'text', (r) => r.productGroup],
  ]),
  table('itemUomConversions', 'item_uom_conversions', [
    ['id', 'uuid', (r) => r.id],
    ['item_id', 'uuid', (r) => r.itemId],
    ['uom', 'text', (r) => r.uom],
    ['to_base', 'numeric', (r) => r.toBase],
  ]),
  table('itemSubstitutes', 'item_substitutes', [
    ['id', 'uuid', (r) => r.id],
    ['item_id', 'uuid', (r) => r.itemId],
    ['substitute_item_id', 'uuid', (r) => r.substituteItemId],
    ['priority', 'integer', (r) => r.priority],
  ]),
  table('customerItemReferences', 'customer_item_references', [
    ['id', 'uuid', (r) => r.id],
    ['customer_id', 'uuid', (r) => r.customerId],
    ['customer_item_number', 'text', (r) => r.customerItemNumber],
    ['item_id', 'uuid', (r) => r.itemId],
  ]),
  table('priceAgreements', 'price_agreements', [
    ['id', 'uuid', (r) => r.id],
    ['customer_id', 'uuid', (r) => r.customerId],
    ['item_id', 'uuid', (r) => r.itemId],
    ['currency', 'text', (r) => r.currency],
    ['contract_price', 'numeric', (r) => r.contractPrice],
    ['valid_from', 'date', (r) => r.validFrom],
    ['valid_to', 'date', (r) => r.validTo],
  ]),
  table('priceAgreementBreaks', 'price_agreement_breaks', [
    ['id', 'uuid', (r) => r.id],
    ['agreement_id', 'uuid', (r) => r.agreementId],
    ['min_quantity', 'numeric', (r) => r.minQuantity],
    ['unit_price', 'numeric', (r) => r.unitPrice],
  ]),
  table('inventoryBalances', 'inventory_balances', [
    ['id', 'uuid', (r) => r.id],
    ['warehouse_id', 'uuid', (r) => r.warehouseId],
    ['item_id', 'uuid', (r) => r.itemId],
    ['on_hand', 'numeric', (r) => r.onHand],
    ['allocated', 'numeric', (r) => r.allocated],
  ]),
];
