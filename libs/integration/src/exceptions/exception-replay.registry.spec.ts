import type { IntegrationException } from '@o2c/persistence';
import { type ExceptionReplayHandler, ExceptionReplayRegistry } from './exception-replay.registry';

function handler(kind: ExceptionReplayHandler['kind'], source: string): ExceptionReplayHandler {
  return {
    kind,
    source,
    replay: (_exception: IntegrationException) =>
      Promise.resolve({ outcome: 'requeued', detail: `${kind} ${source}` }),
  };
}

describe('ExceptionReplayRegistry', () => {
  it('finds the handler of a kind by exact source or by prefix, the longest prefix first', () => {
    const registry = new ExceptionReplayRegistry();
    const webhooks = handler('outbound_delivery', 'webhook:');
    const outbox = handler('outbound_delivery', 'outbox:');
    const nats = handler('outbound_delivery', 'outbox:nats');
    const wms = handler('inbound_event', 'wms:');
    const eastWms = handler('inbound_event', 'wms:dc-east:');
    for (const entry of [webhooks, outbox, nats, wms, eastWms]) registry.register(entry);

    expect(registry.handlerFor({ kind: 'outbound_delivery', source: 'webhook:9b1c' })).toBe(
      webhooks,
    );
    expect(registry.handlerFor({ kind: 'outbound_delivery', source: 'outbox:nats' })).toBe(nats);
    expect(registry.handlerFor({ kind: 'outbound_delivery', source: 'outbox:webhooks' })).toBe(
      outbox,
    );
    expect(registry.handlerFor({ kind: 'inbound_event', source: 'wms:dc-west' })).toBe(wms);
    expect(registry.handlerFor({ kind: 'inbound_event', source: 'wms:dc-east:dock-2' })).toBe(
      eastWms,
    );
  });

  it('matches the kind as well as the source', () => {
    const registry = new ExceptionReplayRegistry();
    registry.register(handler('inbound_event', 'wms:'));
    expect(
      registry.handlerFor({ kind: 'integration_error', source: 'wms:dc-east' }),
    ).toBeUndefined();
  });

  it('does not treat an exact source as a prefix', () => {
    const registry = new ExceptionReplayRegistry();
    registry.register(handler('outbound_delivery', 'outbox:nats'));
    expect(
      registry.handlerFor({ kind: 'outbound_delivery', source: 'outbox:nats2' }),
    ).toBeUndefined();
  });

  it('refuses a second handler for the same kind and source', () => {
    const registry = new ExceptionReplayRegistry();
    registry.register(handler('inbound_event', 'carrier:'));
    expect(() => registry.register(handler('inbound_event', 'carrier:'))).toThrow(
      'a replay handler for inbound_event from carrier: is registered already',
    );
    expect(registry.registered).toEqual([{ kind: 'inbound_event', source: 'carrier:' }]);
  });
});
