// Public API of @o2c/domain: pure business rules, no I/O, no framework, no clock.
// Other libs and apps import from here only; deep paths are rejected by dependency-cruiser.

export { DomainError, DomainErrorCode, isDomainError } from './errors/domain-error';

export { Decimal } from './decimal/decimal';
export { parseDecimalString } from './decimal/decimal-string.parser';

export {
  CURRENCY_CODES,
  type CurrencyCode,
  isCurrencyCode,
  minorUnits,
} from './money/currency.table';
export {
  assertNotNegative,
  formatAmount,
  isRounded,
  type Money,
  moneyOf,
  parseCurrency,
  parseMoney,
  roundMoney,
  zeroMoney,
} from './money/money';
export {
  addMoney,
  compareMoney,
  isGreaterThan,
  isLessThan,
  isNegative,
  isPositive,
  isZero,
  maxMoney,
  minMoney,
  moneyEquals,
  multiplyMoney,
  negateMoney,
  subtractMoney,
  sumMoney,
} from './money/money-arithmetic';
export { allocateMoney } from './money/money-allocation';

export {
  allowsFractions,
  isUnitCode,
  UNIT_CODES,
  type UnitCode,
  type UnitOfMeasure,
  unitOfMeasure,
} from './units/unit.catalogue';
export { assertQuantityFitsUnit, parseUnitCode } from './units/quantity-scale.guard';
export { parseQuantity } from './units/quantity.parser';
export {
  assertValidItemUnits,
  convertQuantity,
  type ItemUnits,
  type UomConversion,
} from './units/uom.converter';

export {
  computeOrderTotals,
  type OrderLineInput,
  type OrderLineTotals,
  type OrderTotals,
  type OrderTotalsInput,
} from './orders/order-totals.calculator';

export {
  addDays,
  compareDates,
  endOfMonth,
  isCalendarDate,
  parseCalendarDate,
} from './dates/calendar-date';

export type {
  EarlyPaymentDiscountTerms,
  PaymentTerms,
  PaymentTermsKind,
} from './payment-terms/payment-terms.types';
export { parsePaymentTerms } from './payment-terms/payment-terms.parser';
export { describePaymentTerms } from './payment-terms/payment-terms.description';
export { discountDeadline, discountTerms, dueDate } from './payment-terms/payment-terms.schedule';
export { earlyPaymentDiscount } from './payment-terms/early-payment-discount.policy';
