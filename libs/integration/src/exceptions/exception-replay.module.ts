import { Global, Module } from '@nestjs/common';
import { ExceptionReplayRegistry } from './exception-replay.registry';

/** The replay-handler registry, global so that any capability can register into it. */
@Global()
@Module({ providers: [ExceptionReplayRegistry], exports: [ExceptionReplayRegistry] })
export class ExceptionReplayModule {}
