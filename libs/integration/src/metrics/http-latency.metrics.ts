import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ContractBindingVerifier } from '@o2c/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Histogram } from 'prom-client';
import { METRIC_PREFIX, MetricsRegistry } from './metrics-registry';

/** Label of requests that matched no route (404s of unknown paths). */
const UNMATCHED = 'unmatched';

type Observer = { observe(seconds: number): void };

/**
 * HTTP latency by contract operation and status, for every request the gateway answers (401,
 * 429 and 404 included). Cheap on the hot path: one Fastify onResponse hook reading Fastify's
 * own timer, the operation found by route in a map built once, and the histogram child of each
 * (operation, status) pair cached. Routes outside the contracts (health, docs, metrics) are
 * labelled by method and route pattern.
 */
@Injectable()
export class HttpLatencyMetrics implements OnModuleInit {
  private readonly histogram: Histogram<'operation' | 'method' | 'status'>;
  private readonly children = new Map<string, Observer>();
  private operations = new Map<string, string>();

  constructor(
    metrics: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
    private readonly bindings: ContractBindingVerifier,
  ) {
    this.histogram = metrics.metric(
      `${METRIC_PREFIX}http_request_duration_seconds`,
      (registry) =>
        new Histogram({
          name: `${METRIC_PREFIX}http_request_duration_seconds`,
          help: 'HTTP request latency by contract operation (operationId) and status code',
          labelNames: ['operation', 'method', 'status'],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers: [registry],
        }),
    );
  }

  onModuleInit(): void {
    this.operations = new Map(
      this.bindings
        .boundRoutes()
        .map((route) => [routeKey(route.method, route.path), route.operationId]),
    );
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      this.record(request, reply);
      done();
    });
  }

  private record(request: FastifyRequest, reply: FastifyReply): void {
    const method = request.method;
    const pattern = request.routeOptions.url;
    const status = reply.statusCode;
    const key = `${method} ${pattern ?? ''} ${status}`;
    let child = this.children.get(key);
    if (!child) {
      const operation =
        pattern === undefined
          ? UNMATCHED
          : (this.operations.get(routeKey(method, pattern)) ?? `${method} ${pattern}`);
      child = this.histogram.labels(operation, method, String(status));
      this.children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
  }
}

/** Nest writes `:id` parameters as Fastify does; the key ignores a trailing slash. */
function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.length > 1 ? path.replace(/\/$/, '') : path}`;
}
