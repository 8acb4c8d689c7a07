import { Injectable } from '@nestjs/common';
import { type Page, ProblemException, toPage } from '@o2c/http';
import { DeprecatedCallRecorder } from './deprecated-call.recorder';
import {
  type DeprecatedCallRow,
  type DeprecatedCallsFilter,
  DeprecatedCallsRepository,
  keyOf,
} from './deprecated-calls.repository';

@Injectable()
export class DeprecatedCallsService {
  constructor(
    private readonly recorder: DeprecatedCallRecorder,
    private readonly repository: DeprecatedCallsRepository,
  ) {}

  /** The owner's report; this instance's latest counts are written first. */
  async list(filter: DeprecatedCallsFilter): Promise<Page<DeprecatedCallRow>> {
    if (filter.from && filter.to && filter.from > filter.to) {
      throw ProblemException.invalid('/query/to', 'range', 'to must not be before from');
    }
    await this.recorder.flush();
    const rows = await this.repository.findPage(filter);
    return toPage(rows, filter.limit, keyOf, (row) => row);
  }
}
