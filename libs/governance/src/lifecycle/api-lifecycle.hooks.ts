import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type ContractOperation, ContractRegistry } from '@o2c/contracts';
import { ApiErrorCode, ProblemException, sendProblem } from '@o2c/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contractLinks, majorOf } from '../catalog/contract-links';
import { type Principal, principalKey } from '../principal/principal';
import {
  lifecycleVerdict,
  type LifecycleVerdict,
  resolveSuccessorLink,
} from './api-lifecycle.policy';
import { DeprecatedCallRecorder } from './deprecated-call.recorder';

interface LifecycleRoute {
  operation: ContractOperation;
  major: number;
  verdict: Exclude<LifecycleVerdict, { kind: 'active' }>;
}

function routeKey(method: string, url: string): string {
  // Fastify answers HEAD from the GET route.
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

/**
 * Applies x-lifecycle at the edge, before authentication: retired APIs answer 410, deprecated
 * ones carry Deprecation / Sunset / Link and their calls are counted per consumer. Adds no hook
 * at all while every contract is active.
 */
@Injectable()
export class ApiLifecycleHooks implements OnModuleInit {
  private readonly logger = new Logger('ApiLifecycle');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly contracts: ContractRegistry,
    private readonly recorder: DeprecatedCallRecorder,
  ) {}

  onModuleInit(): void {
    const routes = this.lifecycleRoutes();
    if (routes.size === 0) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const routeOf = (request: FastifyRequest) =>
      request.routeOptions.url === undefined
        ? undefined
        : routes.get(routeKey(request.method, request.routeOptions.url));

    fastify.addHook('onRequest', async (request, reply) => {
      const route = routeOf(request);
      if (!route) return;
      void reply.headers(route.verdict.headers);
      if (route.verdict.kind === 'retired') {
        sendProblem(
          reply,
          new ProblemException(ApiErrorCode.API_RETIRED, route.verdict.detail),
          request,
        );
        return reply;
      }
    });
    fastify.addHook('onResponse', (request, _reply, done) => {
      const route = routeOf(request);
      if (route?.verdict.kind === 'deprecated') {
        // Authentication (if any) has run by now: count the caller it established.
        const principal = (request as FastifyRequest & { user?: Principal }).user;
        this.recorder.record({
          apiId: route.operation.apiId,
          apiMajor: route.major,
          operationId: route.operation.operationId,
          consumer: principal ? principalKey(principal) : 'anonymous',
          at: new Date(),
        });
      }
      done();
    });
  }

  private lifecycleRoutes(): Map<string, LifecycleRoute> {
    const candidates = this.contracts.contracts.map((contract) => {
      const apiId = contract.document.info['x-api-id'] ?? contract.file;
      const major = majorOf(contract.document.info.version);
      return { apiId, major, docsUrl: contractLinks(apiId, major).docs };
    });
    const routes = new Map<string, LifecycleRoute>();
    for (const operation of this.contracts.operations.values()) {
      const contract = this.contracts.contracts.find((loaded) => loaded.file === operation.file);
      const major = majorOf(contract?.document.info.version ?? '');
      const successor = resolveSuccessorLink(operation.lifecycle.successor, candidates);
      if (operation.lifecycle.successor && !successor) {
        this.logger.warn(
          `${operation.file}: x-lifecycle.successor ${operation.lifecycle.successor} names no loaded contract or URL; no Link header`,
        );
      }
      const verdict = lifecycleVerdict(
        { apiId: operation.apiId, major },
        operation.lifecycle,
        successor,
      );
      if (verdict.kind === 'active') continue;
      routes.set(routeKey(operation.method.toUpperCase(), operation.routePath), {
        operation,
        major,
        verdict,
      });
    }
    return routes;
  }
}
