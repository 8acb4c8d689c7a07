import type { SalesOrder, SalesOrderLine } from '@o2c/persistence';
import type { CustomerAccount } from '../persistence/customer-account.repository';

/** An order line with what allocation needs of its ordered item. */
export interface LineInFlow {
  line: SalesOrderLine;
  /** The ordered item (before any substitution). */
  orderedItemId: string;
  sku: string;
  baseUom: string;
  /** Substitutes of the ordered item, most preferred first. */
  substitutes: string[];
}

/** An order being moved by a command: its record, its locked customer and its live lines. */
export interface OrderInFlow {
  order: SalesOrder;
  customer: CustomerAccount;
  shipToRegion: string | null;
  lines: LineInFlow[];
}
