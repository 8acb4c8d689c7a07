import { Injectable } from '@nestjs/common';
import {
  computeOrderTotals,
  type Decimal,
  type LinePricing,
  type OrderTotals,
  priceOrderLine,
  resolveUnitPrice,
} from '@o2c/domain';
import type { AgreementTerms } from '../persistence/catalogue.repository';
import type { CustomerAccount } from '../persistence/customer-account.repository';
import { OrderProcessErrorCode, orderFieldProblem } from '../order-process.errors';
import type { MeasuredLine } from './order-lines.resolver';
import { itemField } from './order-request.checks';

export interface PricedLine extends MeasuredLine {
  pricing: LinePricing;
  lineTotal: Decimal;
}

export interface PricedOrder {
  lines: PricedLine[];
  totals: OrderTotals;
}

/**
 * Prices every line on the order date: the customer's contract valid that day in the order
 * currency (quantity breaks in base units; the resolver loaded the agreements with the items),
 * else the list price; the requested price against the customer's tolerance and deviation
 * policy; the margin against the customer's floor. Totals follow the rounding rule of
 * computeOrderTotals. Tax is zero at this stage: invoicing computes it when it bills.
 */
@Injectable()
export class OrderLinesPricer {
  price(customer: CustomerAccount, lines: MeasuredLine[], on: string): PricedOrder {
    const priced = lines.map((line) => ({
      ...line,
      pricing: priceLine(line, customer, line.item.agreements, on),
    }));
    const totals = computeOrderTotals({
      currency: customer.currency,
      lines: priced.map((line) => ({ quantity: line.quantity, unitPrice: line.pricing.unitPrice })),
    });
    return {
      lines: priced.map((line, index) => ({
        ...line,
        lineTotal: totals.lines[index].total.amount,
      })),
      totals,
    };
  }
}

function priceLine(
  line: MeasuredLine,
  customer: CustomerAccount,
  agreements: AgreementTerms[],
  on: string,
): LinePricing {
  const { item } = line;
  const resolved = resolveUnitPrice({
    quantity: line.baseQuantity,
    on,
    listPrice: item.listPrice,
    agreements,
  });
  const foreignItem = item.currency !== customer.currency;
  if (resolved.source === 'list' && foreignItem) {
    throw orderFieldProblem(
      OrderProcessErrorCode.NO_PRICE_IN_CURRENCY,
      itemField(line.requested),
      `item ${item.sku} has no contract price in ${customer.currency} and is listed in ${item.currency}`,
    );
  }
  return priceOrderLine({
    resolved,
    unitsPerUom: line.unitsPerUom,
    requestedUnitPrice: line.requestedUnitPrice,
    tolerancePercent: customer.priceTolerancePercent,
    action: customer.priceDeviationAction,
    standardCost: item.standardCost,
    // Costs are kept in the item's currency; without exchange rates a margin across
    // currencies would be meaningless, so the floor applies to same-currency lines only.
    marginFloorPercent: foreignItem ? null : customer.marginFloorPercent,
  });
}
