import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ContractRegistry, OPERATION_ID } from '@o2c/contracts';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { type Principal, principalKey } from '../principal/principal';
import { runWithAuditContext } from './audit-context';

const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Opens the audit context of an authenticated write: the bound operation's principal,
 * operationId and request id. Guards have run, so the principal is known; the handler, its
 * transaction and the audit subscriber all run inside the context.
 */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly contracts: ContractRegistry,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operationId = this.reflector.get<string | undefined>(OPERATION_ID, context.getHandler());
    const operation = operationId ? this.contracts.operation(operationId) : undefined;
    if (!operation || !WRITE_METHODS.has(operation.method)) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const principal = request.user;
    if (!principal) return next.handle();
    return runWithAuditContext(
      {
        principal: principalKey(principal),
        principalType: principal.kind,
        operation: operation.operationId,
        correlationId: request.id,
      },
      // handle() binds the handler to the async context it is called in: this one.
      () => next.handle(),
    );
  }
}
