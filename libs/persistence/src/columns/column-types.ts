import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { decimalStringTransformer } from './decimal-string.transformer';

interface DecimalColumnOptions {
  nullable?: boolean;
  /** A decimal string such as '0'. */
  default?: string;
}

/** Money: 15 integer digits (the API's decimal-string limit) and 4 decimals. */
export const MONEY = { precision: 19, scale: 4 } as const;
/** Quantities in any unit of measure. */
export const QUANTITY = { precision: 19, scale: 4 } as const;
/** Unit-of-measure conversion factors need more decimals than quantities. */
export const FACTOR = { precision: 18, scale: 8 } as const;
/** Percentages such as 2.5 (%), up to 999.9999. */
export const PERCENT = { precision: 7, scale: 4 } as const;
/** Scores between 0 and 1. */
export const SCORE = { precision: 5, scale: 4 } as const;

export function DecimalColumn(
  size: { precision: number; scale: number },
  options: DecimalColumnOptions = {},
): PropertyDecorator {
  return Column({
    type: 'numeric',
    precision: size.precision,
    scale: size.scale,
    nullable: options.nullable ?? false,
    ...(options.default === undefined ? {} : { default: options.default }),
    transformer: decimalStringTransformer,
  });
}

export const MoneyColumn = (options?: DecimalColumnOptions) => DecimalColumn(MONEY, options);
export const QuantityColumn = (options?: DecimalColumnOptions) => DecimalColumn(QUANTITY, options);
export const PercentColumn = (options?: DecimalColumnOptions) => DecimalColumn(PERCENT, options);

/** ISO 4217 code; the table adds a CHECK for three upper-case letters. */
export const CurrencyColumn = (options: { nullable?: boolean } = {}): PropertyDecorator =>
  Column({ type: 'char', length: 3, nullable: options.nullable ?? false });

export const CreatedAtColumn = (): PropertyDecorator => CreateDateColumn({ type: 'timestamptz' });
export const UpdatedAtColumn = (): PropertyDecorator => UpdateDateColumn({ type: 'timestamptz' });
