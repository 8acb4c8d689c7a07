import { type DynamicModule, Module } from '@nestjs/common';
import { type Environment, ENVIRONMENT } from '@o2c/config';
import { TimerMetrics } from '../metrics/timer.metrics';
import { HoldReminderJob } from './hold-reminder.job';
import { RoutingPolicyReader } from './routing-policy.reader';
import { SlaEscalationJob } from './sla-escalation.job';
import { TIMER_SETTINGS, timerSettings } from './timer.settings';
import { TimersRunner } from './timers.runner';

export interface TimersModuleOptions {
  /** Run the timers every interval (the worker); off to drive the jobs by hand. */
  run?: boolean;
}

/** SLA escalation and hold reminders. Needs ConfigModule, TypeORM and MetricsModule. */
@Module({})
export class TimersModule {
  static forRoot(options: TimersModuleOptions = {}): DynamicModule {
    return {
      module: TimersModule,
      providers: [
        {
          provide: TIMER_SETTINGS,
          useFactory: (environment: Environment) => timerSettings(environment),
          inject: [ENVIRONMENT],
        },
        TimerMetrics,
        RoutingPolicyReader,
        SlaEscalationJob,
        HoldReminderJob,
        ...(options.run === false ? [] : [TimersRunner]),
      ],
      exports: [SlaEscalationJob, HoldReminderJob],
    };
  }
}
