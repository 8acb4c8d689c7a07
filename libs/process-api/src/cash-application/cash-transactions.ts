import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail } from '@o2c/governance';
import { DataSource, type EntityManager } from 'typeorm';
import { GuardedWriteRefused } from './cash-application.errors';

/** Serialization failures and deadlocks: the transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

function sqlState(error: unknown): string | undefined {
  const shape = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = shape?.driverError?.code ?? shape?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * One transaction per cash command. A deadlock between two commands touching the same
 * invoices (each waits for the other's rows) rolls one back; it runs again from the start, a
 * few times, before the conflict is reported. A guard that refused a write rolls back and
 * answers as the problem it carries.
 */
@Injectable()
export class CashTransactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (error instanceof GuardedWriteRefused) throw error.problem;
        const state = sqlState(error);
        if (state === undefined || !RETRYABLE.has(state) || attempt >= attempts) throw error;
      }
    }
  }

  /**
   * `work` inside a savepoint of the command's transaction (`manager`'s): when it throws, what
   * it wrote and the audit rows it recorded are undone, what came before stays, and the error
   * goes on to the caller, who may try something else in the same transaction. Plain SAVEPOINT
   * statements, not a nested ORM transaction: that one's rollback would drop every audit row
   * the transaction had recorded so far.
   */
  async savepoint<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    const mark = this.audit.pendingMark(manager.queryRunner);
    await manager.query('SAVEPOINT cash_step');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT cash_step');
      this.audit.discardSince(manager.queryRunner, mark);
      throw error;
    }
    await manager.query('RELEASE SAVEPOINT cash_step');
    return result;
  }
}
