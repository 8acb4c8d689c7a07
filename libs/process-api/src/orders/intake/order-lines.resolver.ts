import { Injectable } from '@nestjs/common';
import {
  convertQuantity,
  Decimal,
  DomainError,
  isDomainError,
  parseDecimalString,
  parseQuantity,
} from '@o2c/domain';
import { StatementBatch } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { CatalogueRepository, type PricedCatalogueItem } from '../persistence/catalogue.repository';
import { OrderProcessErrorCode, orderFieldProblem } from '../order-process.errors';
import { itemField, type RequestedLine } from './order-request.checks';

/** A line whose item is known and whose quantity is valid in its unit and in base units. */
export interface MeasuredLine {
  requested: RequestedLine;
  /** With the customer's agreements on the pricing date. */
  item: PricedCatalogueItem;
  customerItemNumber: string | null;
  quantity: Decimal;
  uom: string;
  baseQuantity: Decimal;
  /** Base units in one `uom`. */
  unitsPerUom: Decimal;
  requestedUnitPrice: Decimal | null;
}

/**
 * Resolves the items of all lines with one query (SKU or the customer's own item number), then
 * checks each line: the item exists (422) and is sellable (422), no item is ordered on two
 * lines (400, naming the second), and the quantity is valid in its unit and converts exactly
 * to the item's base unit (400, naming /body/lines/<i>/quantity or .../uom).
 */
@Injectable()
export class OrderLinesResolver {
  constructor(private readonly catalogue: CatalogueRepository) {}

  /** Reads the items (one statement) and measures the lines against them. */
  async resolve(
    manager: EntityManager,
    customer: { id: string; currency: string },
    requested: RequestedLine[],
    pricedOn: string,
  ): Promise<MeasuredLine[]> {
    const batch = new StatementBatch(manager);
    const items = this.readItemsIn(batch, customer, requested, pricedOn);
    await batch.flush();
    return this.measure(requested, items());
  }

  /** The items the lines name, with the customer's agreements, as a part of a batch. */
  readItemsIn(
    batch: StatementBatch,
    customer: { id: string; currency: string },
    requested: RequestedLine[],
    pricedOn: string,
  ): () => PricedCatalogueItem[] {
    const names = {
      skus: requested.flatMap((line) => (line.sku === undefined ? [] : [line.sku])),
      customerItemNumbers: requested.flatMap((line) =>
        line.customerItemNumber === undefined ? [] : [line.customerItemNumber],
      ),
    };
    return this.catalogue.findPricedItemsIn(batch, customer.id, names, {
      currency: customer.currency,
      on: pricedOn,
    });
  }

  /** Binds each line to its item (from readItemsIn) and checks it. */
  measure(requested: RequestedLine[], items: PricedCatalogueItem[]): MeasuredLine[] {
    const bySku = new Map(items.map((item) => [item.sku, item]));
    const byReference = new Map(
      items.flatMap((item) => item.customerItemNumbers.map((number) => [number, item] as const)),
    );
    const bound = requested.map((line) => ({ line, item: bind(line, bySku, byReference) }));
    assertDistinctItems(bound);
    return bound.map(({ line, item }) => measure(line, item));
  }
}

function bind(
  line: RequestedLine,
  bySku: Map<string, PricedCatalogueItem>,
  byReference: Map<string, PricedCatalogueItem>,
): PricedCatalogueItem {
  const item =
    line.sku !== undefined ? bySku.get(line.sku) : byReference.get(line.customerItemNumber ?? '');
  if (!item) {
    throw line.sku !== undefined
      ? orderFieldProblem(
          OrderProcessErrorCode.UNKNOWN_SKU,
          `${line.path}/sku`,
          `no item has SKU ${line.sku}`,
        )
      : orderFieldProblem(
          OrderProcessErrorCode.UNKNOWN_CUSTOMER_ITEM,
          `${line.path}/customerItemNumber`,
          `${line.customerItemNumber ?? ''} is not registered as this customer's item number`,
        );
  }
  if (!item.sellable) {
    throw orderFieldProblem(
      OrderProcessErrorCode.ITEM_NOT_SELLABLE,
      itemField(line),
      `item ${item.sku} is not sellable`,
    );
  }
  return item;
}

/** A SKU and a customer item number (or two numbers) may name one item: one line per item. */
function assertDistinctItems(bound: { line: RequestedLine; item: PricedCatalogueItem }[]): void {
  const seen = new Map<string, number>();
  bound.forEach(({ line, item }, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw orderFieldProblem(
        OrderProcessErrorCode.DUPLICATE_ITEM,
        itemField(line),
        `item ${item.sku} is already on line ${first + 1} of the request; order it once`,
      );
    }
    seen.set(item.id, index);
  });
}

function measure(line: RequestedLine, item: PricedCatalogueItem): MeasuredLine {
  const uom = line.uom ?? item.baseUom;
  const quantity = parseQuantity(line.quantity, uom, `${line.path}/quantity`, `${line.path}/uom`);
  const baseQuantity = withUnitField(`${line.path}/uom`, () =>
    convertQuantity(quantity, uom, item.baseUom, item, `${line.path}/quantity`),
  );
  return {
    requested: line,
    item,
    customerItemNumber: line.customerItemNumber ?? null,
    quantity,
    uom,
    baseQuantity,
    unitsPerUom: unitsPerUom(uom, item),
    requestedUnitPrice:
      line.requestedUnitPrice === undefined
        ? null
        : parseDecimalString(line.requestedUnitPrice, `${line.path}/requestedUnitPrice`),
  };
}

/** The converter names the unit it could not use 'from'; the client knows it as .../uom. */
function withUnitField<T>(field: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (isDomainError(error) && error.field === 'from') {
      throw new DomainError(error.code, `${field}: ${error.message}`, field);
    }
    throw error;
  }
}

function unitsPerUom(uom: string, item: PricedCatalogueItem): Decimal {
  if (uom === item.baseUom) return new Decimal(1);
  const conversion = item.conversions.find((candidate) => candidate.uom === uom);
  // convertQuantity has already refused a unit the item is not set up for.
  return new Decimal(conversion?.toBase ?? 1);
}
