import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { JwtAuthenticationGuard } from '../authentication/jwt-authentication.guard';
import type { Principal } from '../principal/principal';
import { contractAccess } from './contract-access.policy';
import { PublishedContracts } from './published-contracts';

/**
 * The contract download operations are open (security []) because partner and public contracts
 * are; this guard asks for a token only when the requested contract is internal.
 */
@Injectable()
export class ContractReaderGuard implements CanActivate {
  constructor(
    private readonly published: PublishedContracts,
    private readonly authentication: JwtAuthenticationGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ params: { apiId?: string; major?: string }; user?: Principal }>();
    const found = this.published.find(request.params.apiId ?? '', Number(request.params.major));
    // Unknown contracts fall through to the handler's 404.
    if (!found || contractAccess(found.audience, undefined) === 'open') return true;
    await this.authentication.canActivate(context);
    if (contractAccess(found.audience, request.user) === 'allowed') return true;
    throw new ProblemException(
      ApiErrorCode.FORBIDDEN,
      `${found.apiId} v${found.major} is an internal contract; a ${request.user?.kind ?? 'caller'} may not read it`,
    );
  }
}
