import { Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ContractRegistry } from './contract-registry';
import { OPERATION_ID } from './operation.decorator';

export interface BoundRoute {
  operationId: string;
  method: string;
  path: string;
  handler: string;
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts
    .map((part) => (Array.isArray(part) ? (part[0] ?? '') : (part ?? '')))
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}

/** Start-up fails when a handler has no operation, an operation has no handler, or a
 *  handler's route differs from the contract's method and path. */
@Injectable()
export class ContractBindingVerifier implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly registry: ContractRegistry,
  ) {}

  /** Handlers bound to a contract operation. */
  boundRoutes(): BoundRoute[] {
    return this.controllerRoutes().filter(
      (route): route is BoundRoute => route.operationId !== undefined,
    );
  }

  /** Every controller route, bound or not (health checks are the unbound ones). */
  controllerRoutes(): (Omit<BoundRoute, 'operationId'> & { operationId?: string })[] {
    const routes: (Omit<BoundRoute, 'operationId'> & { operationId?: string })[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prefix = this.reflector.get<string | string[] | undefined>(
        PATH_METADATA,
        wrapper.metatype,
      );
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
        const operationId = this.reflector.get<string | undefined>(OPERATION_ID, handler);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (method === undefined) continue;
        routes.push({
          ...(operationId ? { operationId } : {}),
          method: RequestMethod[method]?.toLowerCase() ?? 'unknown',
          path: joinPath(
            prefix,
            this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler),
          ),
          handler: `${wrapper.name}.${name}`,
        });
      }
    }
    return routes;
  }

  onModuleInit(): void {
    const problems: string[] = [];
    const routes = this.boundRoutes();
    const bound = new Set<string>();
    for (const route of routes) {
      const operation = this.registry.operation(route.operationId);
      if (!operation) {
        problems.push(
          `handler ${route.handler} is bound to ${route.operationId}, which no contract defines`,
        );
        continue;
      }
      if (bound.has(route.operationId))
        problems.push(`operation ${route.operationId} has two handlers`);
      bound.add(route.operationId);
      if (operation.method !== route.method || operation.routePath !== route.path) {
        problems.push(
          `handler ${route.handler} serves ${route.method.toUpperCase()} ${route.path} but ${operation.file} declares ` +
            `${route.operationId} as ${operation.method.toUpperCase()} ${operation.routePath}`,
        );
      }
    }
    for (const operation of this.registry.operations.values()) {
      if (!bound.has(operation.operationId)) {
        problems.push(`${operation.file}: operation ${operation.operationId} has no handler`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`Contracts and handlers disagree:\n  - ${problems.join('\n  - ')}`);
    }
  }
}
