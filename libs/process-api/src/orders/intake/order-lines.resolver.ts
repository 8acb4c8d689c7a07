import { Injectable } from '@nestjs/common';
import {
  convertQuantity,
  Decimal,
  DomainError,
  isDomainError,
  parseDecimalString,
  parseQuantity,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import { type CatalogueItem, CatalogueRepository } from '../persistence/catalogue.repository';
import { OrderProcessErrorCode, orderFieldProblem } from '../order-process.errors';
import { itemField, type RequestedLine } from './order-request.checks';

/** A line whose item is known and whose quantity is valid in its unit and in base units. */
export interface MeasuredLine {
  requested: RequestedLine;
  item: CatalogueItem;
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

  async resolve(
    manager: EntityManager,
    customerId: string,
    requested: RequestedLine[],
  ): Promise<MeasuredLine[]> {
    const items = await this.catalogue.findItems(manager, customerId, {
      skus: requested.flatMap((line) => (line.sku === undefined ? [] : [line.sku])),
      customerItemNumbers: requested.flatMap((line) =>
        line.customerItemNumber === undefined ? [] : [line.customerItemNumber],
      ),
    });
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
  bySku: Map<string, CatalogueItem>,
  byReference: Map<string, CatalogueItem>,
): CatalogueItem {
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
function assertDistinctItems(bound: { line: RequestedLine; item: CatalogueItem }[]): void {
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

function measure(line: RequestedLine, item: CatalogueItem): MeasuredLine {
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

function unitsPerUom(uom: string, item: CatalogueItem): Decimal {
  if (uom === item.baseUom) return new Decimal(1);
  const conversion = item.conversions.find((candidate) => candidate.uom === uom);
  // convertQuantity has already refused a unit the item is not set up for.
  return new Decimal(conversion?.toBase ?? 1);
}
