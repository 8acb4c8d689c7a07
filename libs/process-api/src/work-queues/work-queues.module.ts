import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ClaimTaskUseCase } from './claim-task.use-case';
import { DecideTaskUseCase } from './decide-task.use-case';
import { ReassignTaskUseCase } from './reassign-task.use-case';
import { TaskQueriesService } from './task-queries.service';
import { TaskRepository } from './task.repository';
import { TasksController } from './tasks.controller';

/** Work queues: tasks opened by holds, claimed, decided and reassigned by people. */
@Module({
  imports: [OrdersModule],
  controllers: [TasksController],
  providers: [
    TaskRepository,
    TaskQueriesService,
    ClaimTaskUseCase,
    DecideTaskUseCase,
    ReassignTaskUseCase,
  ],
})
export class WorkQueuesModule {}
