import type { Decimal } from '@o2c/domain';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { presentDecimal } from '@o2c/http';
import { availableOf } from './inventory.presenter';
import type { BalanceRow } from './inventory.rows';

/** The problems a receipt or adjustment can end with, each naming the field to blame. */
export function unknownReference(path: string, what: string, id: string): ProblemException {
  const message = `${what} ${id} does not exist`;
  return new ProblemException(ApiErrorCode.REFERENCE_NOT_FOUND, message, [
    { path, rule: 'exists', message },
  ]);
}

export function inactiveWarehouse(code: string): ProblemException {
  const message = `warehouse ${code} is inactive and cannot receive stock`;
  return new ProblemException(ApiErrorCode.BUSINESS_RULE_VIOLATED, message, [
    { path: '/body/warehouseId', rule: 'active', message },
  ]);
}

export function missingBalance(sku: string, warehouseId: string): ProblemException {
  const message = `item ${sku} has no stock balance in warehouse ${warehouseId}; post a receipt first`;
  return new ProblemException(ApiErrorCode.REFERENCE_NOT_FOUND, message, [
    { path: '/body/itemId', rule: 'balance-exists', message },
  ]);
}

/** 409: on hand may not drop below what is allocated to orders (nor below zero). */
export function insufficientStock(balance: BalanceRow, delta: Decimal): ProblemException {
  const available = availableOf(balance).toString();
  const unit = balance.unit;
  const message =
    `adjusting ${balance.sku} in ${balance.warehouse_code} by ${delta.toString()} ${unit} would ` +
    `leave less on hand than is allocated: ${available} ${unit} available ` +
    `(on hand ${presentDecimal(balance.on_hand)}, allocated ${presentDecimal(balance.allocated)})`;
  return new ProblemException(
    ApiErrorCode.INSUFFICIENT_STOCK,
    message,
    [{ path: '/body/quantity', rule: 'available-stock', message }],
    { extensions: { available, unit } },
  );
}

export function receivedInFuture(): ProblemException {
  return ProblemException.invalid(
    '/body/receivedAt',
    'not-in-future',
    'receivedAt must not be in the future',
  );
}
