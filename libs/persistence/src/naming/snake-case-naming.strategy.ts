import {
  DefaultNamingStrategy,
  type NamingStrategyInterface,
  type Table,
  type View,
} from 'typeorm';
import { limitIdentifier, shortHash } from './identifier';

function snakeCase(text: string): string {
  return text
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function bareTableName(tableOrName: Table | View | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return name.split('.').pop() ?? name;
}

/** Columns in declared order, so `ix_invoices_customer_id_status` reads like the index. */
function joined(columnNames: string[]): string {
  return columnNames.join('_');
}

/**
 * snake_case columns and readable constraint names (`pk_orders`, `fk_orders_customer_id`,
 * `uq_items_sku`, `ix_orders_status`), so a constraint violation names what it protects.
 * Index names carry a hash of their WHERE clause: the schema builder compares indexes by name,
 * so an edited predicate must produce a new name to be seen as drift.
 */
export class SnakeCaseNamingStrategy
  extends DefaultNamingStrategy
  implements NamingStrategyInterface
{
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]) {
    return customName ?? snakeCase([...prefixes, propertyName].join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return limitIdentifier(`pk_${bareTableName(tableOrName)}`);
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return limitIdentifier(`uq_${bareTableName(tableOrName)}_${joined(columnNames)}`);
  }

  override relationConstraintName(
    tableOrName: Table | string,
    columnNames: string[],
    where?: string,
  ) {
    const suffix = where ? `_${shortHash(where)}` : '';
    return limitIdentifier(`rel_${bareTableName(tableOrName)}_${joined(columnNames)}${suffix}`);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return limitIdentifier(`fk_${bareTableName(tableOrName)}_${joined(columnNames)}`);
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[], where?: string) {
    const suffix = where ? `_${shortHash(where)}` : '';
    return limitIdentifier(`ix_${bareTableName(tableOrName)}_${joined(columnNames)}${suffix}`);
  }

  override checkConstraintName(tableOrName: Table | string, expression: string): string {
    return limitIdentifier(`ck_${bareTableName(tableOrName)}_${shortHash(expression, 10)}`);
  }
}
