/**
 * Rows as they are written, one interface per table, with camelCase names for the snake_case
 * columns. Amounts and quantities are decimal strings; dates are 'YYYY-MM-DD'.
 * Kept independent of the TypeORM entities so generating data needs no database layer.
 */

/** Same shape as the persistence PostalAddress (jsonb). */
export interface DemoAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  attention?: string;
}

export type CustomerStatus = 'active' | 'credit_hold' | 'blocked';
export type RiskTier = 'low' | 'medium' | 'high' | 'critical';
export type PriceDeviationAction = 'hold' | 'correct';
export type ShortagePolicy = 'backorder' | 'cancel' | 'review';
export type CustomerSegment = 'machine-shop' | 'contractor' | 'mro' | 'oem';

export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  address: DemoAddress;
  regionsServed: string[];
  active: boolean;
}

export interface CustomerRow {
  id: string;
  customerNumber: string;
  name: string;
  status: CustomerStatus;
  creditLimit: string;
  currency: string;
  paymentTerms: string;
  accountManager: string | null;
  riskTier: RiskTier;
  billTo: DemoAddress;
  shortagePolicy: ShortagePolicy;
  allowSubstitutions: boolean;
  priceTolerancePercent: string;
  priceDeviationAction: PriceDeviationAction;
  overdueDaysLimit: number;
  marginFloorPercent: string | null;
  externalAliases: string[];
}

export interface CustomerShipToRow {
  id: string;
  customerId: string;
  code: string;
  name: string;
  address: DemoAddress;
  region: string;
  active: boolean;
}

export interface CustomerItemReferenceRow {
  id: string;
  customerId: string;
  customerItemNumber: string;
  itemId: string;
}

export interface ItemRow {
  id: string;
  sku: string;
  description: string;
  baseUom: string;
  standardCost: string;
  listPrice: string;
  currency: string;
  sellable: boolean;
  productGroup: string;
}

export interface ItemUomConversionRow {
  id: string;
  itemId: string;
  uom: string;
  toBase: string;
}

export interface ItemSubstituteRow {
  id: string;
  itemId: string;
  substituteItemId: string;
  priority: number;
}

export interface PriceAgreementRow {
  id: string;
  customerId: string;
  itemId: string;
  currency: string;
  contractPrice: string;
  validFrom: string;
  validTo: string | null;
}

export interface PriceAgreementBreakRow {
  id: string;
  agreementId: string;
  minQuantity: string;
  unitPrice: string;
}

export interface InventoryBalanceRow {
  id: string;
  warehouseId: string;
  itemId: string;
  onHand: string;
  allocated: string;
}

/** Everything one seed produces, parents before children. */
export interface DemoDataSet {
  warehouses: WarehouseRow[];
  customers: CustomerRow[];
  customerShipTos: CustomerShipToRow[];
  items: ItemRow[];
  itemUomConversions: ItemUomConversionRow[];
  itemSubstitutes: ItemSubstituteRow[];
  customerItemReferences: CustomerItemReferenceRow[];
  priceAgreements: PriceAgreementRow[];
  priceAgreementBreaks: PriceAgreementBreakRow[];
  inventoryBalances: InventoryBalanceRow[];
}

export type DemoTable = keyof DemoDataSet;

export interface DemoDataOptions {
  customers: number;
  items: number;
  /** Any safe integer; the same seed (and asOf) gives the same rows, ids included. */
  seed: number;
  /** 'YYYY-MM-DD' that agreement validity is placed around (defaults to today, UTC, when loading). */
  asOf: string;
}
