import { Injectable } from '@nestjs/common';
import {
  ApiErrorCode,
  expectedVersion,
  type Page,
  ProblemException,
  staleVersion,
  toPage,
} from '@o2c/http';
import { Warehouse } from '@o2c/persistence';
import type {
  CreateWarehouseBody,
  ListWarehousesQuery,
  UpdateWarehouseBody,
  WarehouseFieldsBody,
} from './warehouse.contract';
import { presentWarehouse, type WarehouseView } from './warehouse.presenter';
import { WarehouseRepository } from './warehouse.repository';

const CODE_CONSTRAINT = 'uq_warehouses_code';

/** Warehouse master data: reads, creation and conditional updates, one transaction each. */
@Injectable()
export class WarehousesService {
  constructor(private readonly warehouses: WarehouseRepository) {}

  async list(query: ListWarehousesQuery): Promise<Page<WarehouseView>> {
    const { limit } = query;
    const rows = await this.warehouses.findPage(query, limit);
    return toPage(rows, limit, (row) => [row.code], presentWarehouse);
  }

  async get(id: string): Promise<WarehouseView> {
    const warehouse = await this.warehouses.findById(id);
    if (!warehouse) throw ProblemException.notFound('warehouse', id);
    return presentWarehouse(warehouse);
  }

  async create(body: CreateWarehouseBody): Promise<WarehouseView> {
    try {
      return await this.warehouses.transaction(async (manager) => {
        const warehouse = manager.create(Warehouse, {
          code: body.code,
          regionsServed: [],
          active: true,
        });
        applyWarehouseFields(warehouse, body);
        return presentWarehouse(await manager.save(warehouse));
      });
    } catch (error) {
      throw isDuplicateCode(error) ? duplicateCode(body.code) : error;
    }
  }

  update(
    id: string,
    ifMatch: string | undefined,
    body: UpdateWarehouseBody,
  ): Promise<WarehouseView> {
    const expected = expectedVersion(ifMatch);
    return this.warehouses.transaction(async (manager) => {
      const warehouse = await this.warehouses.lockById(manager, id);
      if (!warehouse) throw ProblemException.notFound('warehouse', id);
      if (warehouse.version !== expected) throw staleVersion('warehouse', id, warehouse.version);
      applyWarehouseFields(warehouse, body);
      return presentWarehouse(await manager.save(warehouse));
    });
  }
}

function applyWarehouseFields(warehouse: Warehouse, body: WarehouseFieldsBody): void {
  if (body.name !== undefined) warehouse.name = body.name;
  if (body.address !== undefined) warehouse.address = body.address;
  if (body.regionsServed !== undefined) warehouse.regionsServed = body.regionsServed;
  if (body.active !== undefined) warehouse.active = body.active;
}

function isDuplicateCode(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    ?.driverError;
  return driverError?.code === '23505' && driverError.constraint === CODE_CONSTRAINT;
}

/** Names the field, which the generic constraint mapping cannot. */
function duplicateCode(code: string): ProblemException {
  const message = `warehouse code ${code} is already taken`;
  return new ProblemException(ApiErrorCode.ALREADY_EXISTS, message, [
    { path: '/body/code', rule: `unique:${CODE_CONSTRAINT}`, message },
  ]);
}
