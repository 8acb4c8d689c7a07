/** Request shapes of openapi/system/customers.v1.yaml (validated by the gateway before use). */
export interface AddressBody {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

export interface ShipToBody {
  code: string;
  name: string;
  address: AddressBody;
  region: string;
}

export interface OrderPolicyBody {
  shortagePolicy?: 'backorder' | 'cancel' | 'review';
  /** Older form of shortagePolicy; see requestedShortagePolicy. */
  allowBackorders?: boolean;
  allowSubstitutions?: boolean;
  priceTolerancePercent?: string;
  priceDeviationAction?: 'hold' | 'correct';
  overdueDaysLimit?: number;
  marginFloorPercent?: string;
}

export interface CustomerFieldsBody {
  name?: string;
  creditLimit?: { amount: string; currency: string };
  paymentTerms?: string;
  accountManager?: string;
  riskTier?: 'low' | 'medium' | 'high' | 'critical';
  billTo?: AddressBody;
  orderPolicy?: OrderPolicyBody;
  aliases?: string[];
}

export interface CreateCustomerBody extends CustomerFieldsBody {
  customerNumber: string;
  name: string;
  currency: string;
  creditLimit: { amount: string; currency: string };
  paymentTerms: string;
  accountManager: string;
  billTo: AddressBody;
  shipTos: ShipToBody[];
}

export interface UpdateCustomerBody extends CustomerFieldsBody {
  status?: 'active' | 'credit_hold' | 'blocked';
}

export interface ListCustomersQuery {
  limit: number;
  cursor?: string;
  status?: 'active' | 'credit_hold' | 'blocked';
  riskTier?: 'low' | 'medium' | 'high' | 'critical';
  q?: string;
}
