import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ContractRegistry } from './contract-registry';
import { OPERATION_ID } from './operation.decorator';

/** Validates path, query and body against the bound operation before the handler runs. */
@Injectable()
export class ContractValidationInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ContractRegistry,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operationId = this.reflector.get<string | undefined>(OPERATION_ID, context.getHandler());
    if (operationId) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const errors = this.registry.validateRequest(operationId, {
        params: request.params,
        query: request.query,
        body: request.body,
      });
      if (errors.length > 0) {
        const first = errors[0];
        throw new ProblemException(
          ApiErrorCode.VALIDATION_FAILED,
          `${first?.path} ${first?.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
          errors,
        );
      }
    }
    return next.handle();
  }
}
