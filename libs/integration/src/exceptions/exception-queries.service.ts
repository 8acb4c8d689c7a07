import { Injectable } from '@nestjs/common';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { createdAtCursorKey } from '../webhooks/created-at.keyset';
import type { ListExceptionsQuery } from './exception.contract';
import { type ExceptionView, presentException } from './exception.presenter';
import { IntegrationExceptionRepository } from './exception.repository';

/** Reading the exception queue. */
@Injectable()
export class ExceptionQueries {
  constructor(private readonly exceptions: IntegrationExceptionRepository) {}

  async list(query: ListExceptionsQuery): Promise<Page<ExceptionView>> {
    const { limit, cursor, order, ...filter } = query;
    const now = new Date();
    const rows = await this.exceptions.findPage(filter, {
      limit,
      order,
      ...(cursor === undefined ? {} : { cursor }),
    });
    return toPage(
      rows,
      limit,
      (row) => createdAtCursorKey(order, row.at, row.entity.id),
      (row) => presentException(row.entity, now),
    );
  }

  async get(id: string): Promise<ExceptionView> {
    const exception = await this.exceptions.findById(id);
    if (!exception) throw ProblemException.notFound('integration exception', id);
    return presentException(exception, new Date());
  }
}
