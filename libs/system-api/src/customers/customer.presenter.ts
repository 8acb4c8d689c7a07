import { backordersAllowed } from '@o2c/domain';
import type { Customer, CustomerShipTo } from '@o2c/persistence';
import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';

export interface CustomerView {
  id: string;
  customerNumber: string;
  name: string;
  status: string;
  currency: string;
  creditLimit: MoneyView;
  paymentTerms: string;
  accountManager: string;
  riskTier: string;
  billTo: object;
  shipTos: {
    id: string;
    code: string;
    name: string;
    address: object;
    region: string;
    active: boolean;
  }[];
  orderPolicy: {
    shortagePolicy: string;
    allowBackorders: boolean;
    allowSubstitutions: boolean;
    priceTolerancePercent: string;
    priceDeviationAction: string;
    overdueDaysLimit: number;
    marginFloorPercent: string;
  };
  aliases: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentCustomer(customer: Customer, shipTos: CustomerShipTo[]): CustomerView {
  return {
    id: customer.id,
    customerNumber: customer.customerNumber,
    name: customer.name,
    status: customer.status,
    currency: customer.currency,
    creditLimit: presentMoney(customer.creditLimit, customer.currency),
    paymentTerms: customer.paymentTerms,
    accountManager: customer.accountManager ?? '',
    riskTier: customer.riskTier,
    billTo: customer.billTo,
    shipTos: shipTos
      .slice()
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((shipTo) => ({
        id: shipTo.id,
        code: shipTo.code,
        name: shipTo.name,
        address: shipTo.address,
        region: shipTo.region ?? '',
        active: shipTo.active,
      })),
    orderPolicy: {
      shortagePolicy: customer.shortagePolicy,
      // Older clients read this; it says only whether the policy backorders.
      allowBackorders: backordersAllowed(customer.shortagePolicy),
      allowSubstitutions: customer.allowSubstitutions,
      priceTolerancePercent: presentDecimal(customer.priceTolerancePercent),
      priceDeviationAction: customer.priceDeviationAction,
      overdueDaysLimit: customer.overdueDaysLimit,
      marginFloorPercent: presentDecimal(customer.marginFloorPercent ?? '0'),
    },
    aliases: customer.externalAliases,
    version: customer.version,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}
