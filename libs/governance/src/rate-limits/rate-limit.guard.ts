import { type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { type ContractOperation, ContractRegistry, OPERATION_ID } from '@o2c/contracts';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../principal/principal';
import {
  formatRateLimit,
  formatRateLimitPolicy,
  isExceeded,
  mostConstrained,
  retryAfterSeconds,
  type WindowState,
} from './rate-limit.headers';
import { counterKey, rateLimitTracker } from './rate-limit.key';
import { type RateLimitPolicy, resolveRateLimitPolicy } from './rate-limit.policy';
import { WarningThrottle } from './warning-throttle';

interface ResolvedPolicy extends RateLimitPolicy {
  policyHeader: string;
}

/** "listItems allows 20 requests per 1s on the standard plan; retry in 1 s" */
function refusal(
  operationId: string,
  states: readonly WindowState[],
  plan: string | undefined,
  retryAfter: number,
): string {
  const limits = states
    .filter(isExceeded)
    .map(({ window }) => `${window.limit} requests per ${window.window}`)
    .join(' and ');
  return `${operationId} allows ${limits}${plan ? ` on the ${plan} plan` : ''}; retry in ${retryAfter} s`;
}

/** (operation, plan) pairs are few; the bound only guards against tokens with made-up plans. */
const MAX_CACHED_POLICIES = 10_000;

/**
 * Enforces the contracts' `x-rate-limit` on every bound operation, after OperationPolicyGuard
 * (APP_GUARDs run in registration order), so refused authentication is never counted and the
 * principal is known. The throttler's own loop knows one static list of named throttlers; here
 * the windows come from the operation and the caller's plan, so canActivate resolves them and
 * uses the module's storage for the counting. Answers carry RateLimit-Policy and RateLimit
 * (draft-ietf-httpapi-ratelimit-headers) instead of the legacy X-RateLimit-* headers.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly policies = new Map<string, ResolvedPolicy>();
  protected override logger = new Logger('RateLimit');
  private readonly failOpenWarnings = new WarningThrottle(this.logger, 10_000);
  private readonly planWarnings = new WarningThrottle(this.logger, 60_000);

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly contracts: ContractRegistry,
  ) {
    super(options, storage, reflector);
  }

  /** Nothing to set up: there are no static throttlers (the base class would warn so). */
  override onModuleInit(): Promise<void> {
    return Promise.resolve();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const operationId = this.reflector.get<string | undefined>(OPERATION_ID, context.getHandler());
    const operation = operationId ? this.contracts.operation(operationId) : undefined;
    // Handlers outside the contracts (health checks) are not limited.
    if (!operation) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const policy = this.policyFor(operation, request.user?.plan);
    if (policy.windows.length === 0) return true;
    void reply.header('RateLimit-Policy', policy.policyHeader);

    const tracker = rateLimitTracker(operation, request.user, normalizeIp(request.ip));
    let states: WindowState[];
    try {
      states = await Promise.all(
        policy.windows.map(async (window) => {
          const record = await this.storageService.increment(
            counterKey(operation.operationId, window, tracker),
            window.windowMs,
            window.limit,
            window.windowMs,
            window.name,
          );
          return { window, hits: record.totalHits, secondsToReset: record.timeToExpire };
        }),
      );
    } catch (error) {
      // Fail open: counters unavailable (Redis down or slow) must not take the APIs down.
      this.failOpenWarnings.warn(
        'rate-limit counters unavailable; request let through uncounted',
        error,
      );
      return true;
    }

    const constrained = mostConstrained(states);
    if (constrained) void reply.header('RateLimit', formatRateLimit(constrained));
    if (!states.some(isExceeded)) return true;
    const retryAfter = retryAfterSeconds(states);
    throw new ProblemException(
      ApiErrorCode.RATE_LIMITED,
      refusal(operation.operationId, states, policy.plan, retryAfter),
      [],
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }

  private policyFor(operation: ContractOperation, plan: string | undefined): ResolvedPolicy {
    const cacheKey = `${operation.operationId}\n${plan ?? ''}`;
    const cached = this.policies.get(cacheKey);
    if (cached) return cached;
    const policy = resolveRateLimitPolicy(
      operation.rateLimit,
      plan,
      this.contracts.governance.plans,
    );
    if (policy.unknownPlan !== undefined) {
      this.planWarnings.warn(
        `token names plan ${policy.unknownPlan}, which governance.yaml does not define; ` +
          `${operation.operationId} applies its own limits`,
      );
    }
    const resolved = { ...policy, policyHeader: formatRateLimitPolicy(policy.windows) };
    if (this.policies.size >= MAX_CACHED_POLICIES) this.policies.clear();
    this.policies.set(cacheKey, resolved);
    return resolved;
  }
}
