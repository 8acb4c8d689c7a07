import { Injectable } from '@nestjs/common';
import type { IntegrationException, IntegrationExceptionKind } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

/** What a replay did: `requeued` (it goes out again shortly, e.g. a webhook delivery) or
 *  `processed` (the handler applied it at once, e.g. an inbound event). */
export interface ReplayOutcome {
  readonly outcome: 'requeued' | 'processed';
  readonly detail: string;
}

/**
 * Replays the exceptions of one kind from one source. `source` is exact ('nats') or a prefix
 * ending in ':' ('webhook:', 'wms:'): the longest matching handler wins. `replay` runs in the
 * replay's transaction, with the exception locked; it throws ReplayRefusedError when it cannot
 * replay this one (the entry then stays open and the caller gets 422 with the reason).
 */
export interface ExceptionReplayHandler {
  readonly kind: IntegrationExceptionKind;
  readonly source: string;
  replay(exception: IntegrationException, manager: EntityManager): Promise<ReplayOutcome>;
}

/** A handler cannot replay this exception: `code` is stable (e.g. 'SUBSCRIPTION_GONE'). */
export class ReplayRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayRefusedError';
  }
}

function matches(handler: ExceptionReplayHandler, kind: string, source: string): boolean {
  if (handler.kind !== kind) return false;
  return handler.source.endsWith(':')
    ? source.startsWith(handler.source)
    : source === handler.source;
}

/**
 * Where capabilities register how their failed messages are replayed: webhook deliveries and
 * outbox messages register here; an inbound-event capability (shipment events from a WMS, bank
 * files) registers a handler for its source in its module's onModuleInit:
 *
 *   constructor(private readonly replays: ExceptionReplayRegistry) {}
 *   onModuleInit() { this.replays.register({ kind: 'inbound_event', source: 'wms:', replay: ... }) }
 */
@Injectable()
export class ExceptionReplayRegistry {
  private readonly handlers: ExceptionReplayHandler[] = [];

  register(handler: ExceptionReplayHandler): void {
    const clash = this.handlers.find(
      (existing) => existing.kind === handler.kind && existing.source === handler.source,
    );
    if (clash) {
      throw new Error(
        `a replay handler for ${handler.kind} from ${handler.source} is registered already`,
      );
    }
    this.handlers.push(handler);
  }

  handlerFor(exception: { kind: string; source: string }): ExceptionReplayHandler | undefined {
    return this.handlers
      .filter((handler) => matches(handler, exception.kind, exception.source))
      .sort((a, b) => b.source.length - a.source.length)[0];
  }

  get registered(): readonly { kind: string; source: string }[] {
    return this.handlers.map(({ kind, source }) => ({ kind, source }));
  }
}
