import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { type Observable, tap } from 'rxjs';
import { ContractRegistry } from './contract-registry';
import { OPERATION_ID } from './operation.decorator';

export const CONTRACT_VIOLATIONS_HEADER = 'o2c-contract-violations';

/**
 * Staging aid (VALIDATE_RESPONSES=true): checks each successful response body against its
 * operation's response schema. A mismatch is logged with the failing paths and counted in a
 * response header; the response itself goes out unchanged so the environment stays usable.
 */
@Injectable()
export class ResponseContractInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ResponseContract');

  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ContractRegistry,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    const operationId = this.reflector.get<string | undefined>(OPERATION_ID, handler);
    if (!operationId) return next.handle();
    // Nest applies @HttpCode (or POST's 201) after the handler resolves.
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler);
    const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
    const status = declared ?? (method === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body) => {
        const errors = this.registry.validateResponse(operationId, status, body);
        if (errors.length === 0) return;
        this.logger.error({ operationId, status, errors }, `${operationId} answered off-contract`);
        void reply.header(CONTRACT_VIOLATIONS_HEADER, String(errors.length));
      }),
    );
  }
}
