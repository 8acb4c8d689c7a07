import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ContractRegistry, OPERATION_ID } from '@o2c/contracts';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { JwtAuthenticationGuard } from '../authentication/jwt-authentication.guard';
import type { Principal } from '../principal/principal';
import { decideOperationAccess } from './operation-access.policy';

/**
 * The one place a request meets its contract's security: operations with `security: []` are
 * open; every other one needs a valid token (401) whose principal the API's audience admits
 * and whose scopes satisfy a security requirement (403).
 */
@Injectable()
export class OperationPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly contracts: ContractRegistry,
    private readonly authentication: JwtAuthenticationGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operationId = this.reflector.get<string | undefined>(OPERATION_ID, context.getHandler());
    const operation = operationId ? this.contracts.operation(operationId) : undefined;
    if (!operation || operation.security.length === 0) return true;
    await this.authentication.canActivate(context);
    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
    const decision = decideOperationAccess(principal, operation, operation.audience);
    if (decision.allowed) return true;
    throw new ProblemException(ApiErrorCode.FORBIDDEN, decision.detail, [], {
      extensions: decision.reason === 'scope' ? { requiredScopes: decision.requiredScopes } : {},
      headers:
        decision.reason === 'scope'
          ? {
              'www-authenticate': `Bearer realm="o2c-gateway", error="insufficient_scope", scope="${decision.requiredScopes.join(' ')}"`,
            }
          : {},
    });
  }
}
