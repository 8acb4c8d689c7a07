import { Injectable } from '@nestjs/common';
import type { KnownCustomer } from '@o2c/domain';
import type { EntityManager } from 'typeorm';

/** A customer as payer identification sees it, with the keys it was found by. */
export interface DirectoryCustomer extends KnownCustomer {
  /** Normalised identifiers (customer number, alias accounts and ids) that matched. */
  readonly matchedKeys: readonly string[];
}

interface Row {
  customerId: string;
  customerNumber: string;
  name: string;
  aliases: string[];
  matchedKeys: string[];
}

/** As normaliseIdentifier: upper case, letters and digits only. */
const IDENTIFIER = (column: string) => `upper(regexp_replace(${column}, '[^A-Za-z0-9]', '', 'g'))`;

/**
 * Customers whose number or one of whose aliases (bank accounts, remitter ids, names: the
 * customer master's `aliases`) equals one of the keys. One pass over customers and their
 * aliases, hash-joined with the keys of a whole batch of payments.
 */
const BY_IDENTIFIERS = `
  WITH wanted AS (SELECT DISTINCT key FROM unnest($1::text[]) AS k(key)),
  keyed AS (
    SELECT c.id, ${IDENTIFIER('c.customer_number')} AS key FROM customers c
    UNION ALL
    SELECT c.id, ${IDENTIFIER('a.alias')} FROM customers c, unnest(c.external_aliases) AS a(alias)
  )
  SELECT c.id AS "customerId", c.customer_number AS "customerNumber", c.name,
         c.external_aliases AS aliases, array_agg(DISTINCT k.key) AS "matchedKeys"
    FROM keyed k JOIN wanted w ON w.key = k.key JOIN customers c ON c.id = k.id
   GROUP BY c.id`;

/**
 * Customers whose name or a name alias shares a word with the payer names (identifyPayer then
 * compares the names properly): words of the customer master hash-joined with the batch's.
 */
const BY_NAME_WORDS = `
  WITH wanted AS (SELECT DISTINCT word FROM unnest($1::text[]) AS w(word)),
  words AS (
    SELECT c.id, w.word
      FROM customers c,
           regexp_split_to_table(upper(c.name || ' ' || array_to_string(c.external_aliases, ' ')),
                                 '[^A-Z0-9]+') AS w(word)
  )
  SELECT c.id AS "customerId", c.customer_number AS "customerNumber", c.name,
         c.external_aliases AS aliases, '{}'::text[] AS "matchedKeys"
    FROM customers c
   WHERE c.id IN (SELECT words.id FROM words JOIN wanted ON wanted.word = words.word)
   LIMIT $2`;

/** Words that say nothing about who a company is. */
const COMMON_WORDS = new Set(['AND', 'THE', 'OF', 'FOR', 'PAYMENT', 'PAYMENTS', 'ACCOUNT']);
const MAX_NAME_CANDIDATES = 2_000;

const BY_IDS = `
  SELECT c.id AS "customerId", c.customer_number AS "customerNumber", c.name,
         c.external_aliases AS aliases, '{}'::text[] AS "matchedKeys"
    FROM customers c WHERE c.id = ANY($1::uuid[])`;

@Injectable()
export class PayerDirectoryRepository {
  async byIdentifiers(
    manager: EntityManager,
    keys: readonly string[],
  ): Promise<DirectoryCustomer[]> {
    if (keys.length === 0) return [];
    return (await manager.query<Row[]>(BY_IDENTIFIERS, [keys])).map(toCustomer);
  }

  /** Customers sharing a word (three letters or more) with one of the `names` (normalised). */
  async byNames(manager: EntityManager, names: readonly string[]): Promise<DirectoryCustomer[]> {
    const words = [
      ...new Set(
        names.flatMap((name) =>
          name
            .split(' ')
            .filter((word) => /[A-Z]/.test(word) && word.length >= 3 && !COMMON_WORDS.has(word)),
        ),
      ),
    ];
    if (words.length === 0) return [];
    return (await manager.query<Row[]>(BY_NAME_WORDS, [words, MAX_NAME_CANDIDATES])).map(
      toCustomer,
    );
  }

  async byIds(manager: EntityManager, ids: readonly string[]): Promise<DirectoryCustomer[]> {
    if (ids.length === 0) return [];
    return (await manager.query<Row[]>(BY_IDS, [ids])).map(toCustomer);
  }
}

function toCustomer(row: Row): DirectoryCustomer {
  return {
    customerId: row.customerId,
    customerNumber: row.customerNumber,
    name: row.name,
    aliases: row.aliases,
    matchedKeys: row.matchedKeys,
  };
}
