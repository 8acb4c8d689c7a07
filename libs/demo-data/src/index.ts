// Public API of @o2c/demo-data: a reproducible industrial-distributor data set and a fast
// loader for it. Other libs, apps and scripts import from here only.

export {
  DEFAULT_DEMO_DATA,
  seedDemoData,
  seedDemoDataOnce,
  type SeedDemoDataOnceResult,
  type SeedDemoDataOptions,
  type SeedDemoDataResult,
} from './load/seed-demo-data';
export { DemoDataError, DemoDataErrorCode, isDemoDataError } from './load/demo-data.errors';
export { DEMO_DATA_LOCK_KEY, type DemoDataCounts } from './load/demo-data.session';

export { generateDemoData, MAX_CUSTOMERS, MAX_ITEMS } from './generate/demo-data.generator';
export { MAX_PRICE_AGREEMENTS } from './generate/price-agreements.generator';
export { CAD_PER_USD_PERCENT } from './generate/agreement-pricing.policy';
export { PAYMENT_TERMS } from './generate/customer-terms.policy';
export { SALES_REGIONS, type SalesRegion } from './catalogue/sales-regions.catalogue';
export { PRODUCT_GROUPS, type ProductGroup } from './catalogue/products/product-family.model';
export { SeededRandom } from './random/seeded-random';

export type {
  CustomerItemReferenceRow,
  CustomerRow,
  CustomerSegment,
  CustomerShipToRow,
  DemoAddress,
  DemoDataOptions,
  DemoDataSet,
  DemoTable,
  InventoryBalanceRow,
  ItemRow,
  ItemSubstituteRow,
  ItemUomConversionRow,
  PriceAgreementBreakRow,
  PriceAgreementRow,
  WarehouseRow,
} from './model/demo-data.types';
