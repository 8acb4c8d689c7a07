import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@o2c/http';
import { Warehouse } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListWarehousesQuery } from './warehouse.contract';

@Injectable()
export class WarehouseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Keyset page ordered by code; fetches one extra row to know if more follow. */
  findPage(query: ListWarehousesQuery, limit: number): Promise<Warehouse[]> {
    const after = decodeCursor(query.cursor, ['text']);
    const builder = this.dataSource
      .getRepository(Warehouse)
      .createQueryBuilder('warehouse')
      .orderBy('warehouse.code', 'ASC')
      .limit(limit + 1);
    if (query.active !== undefined) {
      builder.andWhere('warehouse.active = :active', { active: query.active });
    }
    if (query.region) {
      builder.andWhere(':region = ANY(warehouse.regionsServed)', { region: query.region });
    }
    if (after) builder.andWhere('warehouse.code > :after', { after: after[0] });
    return builder.getMany();
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Warehouse | null> {
    return manager.findOne(Warehouse, { where: { id } });
  }

  /** Locks the row for the rest of the transaction (updates serialize per warehouse). */
  lockById(manager: EntityManager, id: string): Promise<Warehouse | null> {
    return manager.findOne(Warehouse, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
