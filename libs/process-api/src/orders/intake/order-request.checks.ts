import { OrderProcessErrorCode, orderFieldProblem } from '../order-process.errors';
import type { OrderLineChangeBody } from '../order.contract';

/** A line as requested, with the JSON pointer of its entry for error messages. */
export interface RequestedLine {
  path: string;
  sku?: string;
  customerItemNumber?: string;
  quantity: string;
  uom?: string;
  requestedUnitPrice?: string;
  /** Change requests only: the existing line the entry replaces. */
  lineNumber?: number;
}

/** Which field of the entry names its item (for errors about the item). */
export function itemField(line: RequestedLine): string {
  return line.customerItemNumber !== undefined && line.sku === undefined
    ? `${line.path}/customerItemNumber`
    : `${line.path}/sku`;
}

/**
 * Checks that need nothing but the request (400, nothing read or written): each line names its
 * item once (by SKU or by the customer's item number; a changed line may keep its item), and
 * no SKU, customer item number or line number appears on two lines; the second is named.
 */
export function checkRequestedLines(
  lines: readonly OrderLineChangeBody[],
  base = '/body/lines',
): RequestedLine[] {
  const requested = lines.map((line, index) => ({ ...line, path: `${base}/${index}` }));
  for (const line of requested) {
    if (line.sku !== undefined && line.customerItemNumber !== undefined) {
      throw orderFieldProblem(
        OrderProcessErrorCode.ITEM_NAMED_TWICE,
        `${line.path}/customerItemNumber`,
        'name the item by sku or by customerItemNumber, not both',
      );
    }
    if (line.sku === undefined && line.customerItemNumber === undefined && !line.lineNumber) {
      throw orderFieldProblem(
        OrderProcessErrorCode.ITEM_REQUIRED,
        `${line.path}/sku`,
        'each line needs a sku or a customerItemNumber',
      );
    }
  }
  assertUnique(requested, 'sku', 'SKU');
  assertUnique(requested, 'customerItemNumber', 'customer item number');
  assertUnique(requested, 'lineNumber', 'line number');
  return requested;
}

function assertUnique(
  lines: RequestedLine[],
  field: 'sku' | 'customerItemNumber' | 'lineNumber',
  label: string,
): void {
  const seen = new Map<string | number, number>();
  lines.forEach((line, index) => {
    const value = line[field];
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined) {
      throw orderFieldProblem(
        OrderProcessErrorCode.DUPLICATE_ITEM,
        `${line.path}/${field}`,
        `${label} ${String(value)} is already on line ${first + 1} of the request; order it once`,
      );
    }
    seen.set(value, index);
  });
}

/** The ship-to named by id and/or code; one of them is required at intake. */
export function shipToKeyOf(body: { shipToId?: string; shipToCode?: string }): {
  id?: string;
  code?: string;
} {
  if (body.shipToId === undefined && body.shipToCode === undefined) {
    throw orderFieldProblem(
      OrderProcessErrorCode.SHIP_TO_REQUIRED,
      '/body/shipToId',
      'send shipToId or shipToCode',
    );
  }
  return {
    ...(body.shipToId === undefined ? {} : { id: body.shipToId }),
    ...(body.shipToCode === undefined ? {} : { code: body.shipToCode }),
  };
}
