import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@o2c/http';
import { ApiClient, Customer, Warehouse } from '@o2c/persistence';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ListApiClientsQuery } from './api-client.contract';

@Injectable()
export class ApiClientRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByClientId(clientId: string): Promise<ApiClient | null> {
    return this.dataSource.manager.findOne(ApiClient, { where: { clientId } });
  }

  /** Locks the row for the rest of the transaction: rotations and revocations serialize. */
  lockByClientId(manager: EntityManager, clientId: string): Promise<ApiClient | null> {
    return manager.findOne(ApiClient, {
      where: { clientId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Keyset page ordered by name, then client id; one extra row tells whether more follow. */
  findPage(query: ListApiClientsQuery): Promise<ApiClient[]> {
    const after = decodeCursor(query.cursor, ['text', 'text']);
    const builder = this.dataSource
      .getRepository(ApiClient)
      .createQueryBuilder('client')
      .orderBy('client.name', 'ASC')
      .addOrderBy('client.clientId', 'ASC')
      .limit(query.limit + 1);
    if (query.status) builder.andWhere('client.status = :status', { status: query.status });
    if (after) {
      builder.andWhere('(client.name, client.clientId) > (:afterName, :afterClientId)', {
        afterName: after[0],
        afterClientId: after[1],
      });
    }
    return builder.getMany();
  }

  /** Which of these customer ids exist. The array column has no foreign key, so the rows are
   *  key-share locked: none can be deleted before this transaction commits. */
  async existingCustomerIds(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await manager.find(Customer, {
      select: { id: true },
      where: { id: In([...ids]) },
      lock: { mode: 'for_key_share' },
    });
    return new Set(found.map((customer) => customer.id));
  }

  /** Which of these warehouse codes exist (key-share locked, as customers above). */
  async existingWarehouseCodes(
    manager: EntityManager,
    codes: readonly string[],
  ): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const found = await manager.find(Warehouse, {
      select: { id: true, code: true },
      where: { code: In([...codes]) },
      lock: { mode: 'for_key_share' },
    });
    return new Set(found.map((warehouse) => warehouse.code));
  }
}
