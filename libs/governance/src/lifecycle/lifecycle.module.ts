import { Module } from '@nestjs/common';
import { ApiLifecycleHooks } from './api-lifecycle.hooks';
import { DeprecatedCallRecorder } from './deprecated-call.recorder';
import { DeprecatedCallsController } from './deprecated-calls.controller';
import { DeprecatedCallsRepository } from './deprecated-calls.repository';
import { DeprecatedCallsService } from './deprecated-calls.service';

/** x-lifecycle at run time: 410 for retired APIs, deprecation headers and call counts. */
@Module({
  controllers: [DeprecatedCallsController],
  providers: [
    ApiLifecycleHooks,
    DeprecatedCallRecorder,
    DeprecatedCallsRepository,
    DeprecatedCallsService,
  ],
})
export class LifecycleModule {}
