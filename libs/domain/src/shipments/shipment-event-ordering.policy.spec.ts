import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  decideShipmentEvent,
  parkedEventsInOrder,
  reconciledDeliveryTime,
  SHIPMENT_EVENT_REASONS as REASONS,
  type ShipmentPosition,
} from './shipment-event-ordering.policy';
import { SHIPMENT_EVENT_TYPES, type ShipmentEventType } from './shipment-event.types';

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-01T11:00:00Z';
const T2 = '2026-03-01T12:00:00Z';
const at = (status: ShipmentEventType, lastEventAt: string | null = T1): ShipmentPosition => ({
  status,
  lastEventAt,
});
const event = (type: ShipmentEventType, occurredAt = T2) => ({ type, occurredAt });

describe('decideShipmentEvent', () => {
  describe('warehouse events', () => {
    it('creates the shipment with the first picked or packed event', () => {
      expect(decideShipmentEvent(null, event('picked'))).toEqual({ action: 'apply' });
      expect(decideShipmentEvent(null, event('packed'))).toEqual({ action: 'apply' });
    });

    it('moves a shipment forward only', () => {
      expect(decideShipmentEvent(at('picked'), event('packed'))).toEqual({ action: 'apply' });
      expect(decideShipmentEvent(at('packed'), event('picked'))).toEqual({
        action: 'stale',
        reason: REASONS.alreadyFurther,
      });
      expect(decideShipmentEvent(at('packed'), event('packed'))).toEqual({
        action: 'stale',
        reason: REASONS.alreadyFurther,
      });
    });

    it.each(['shipped', 'in_transit', 'exception', 'delivered'] as const)(
      'keeps a late picked or packed event as history once the shipment is %s',
      (status) => {
        for (const type of ['picked', 'packed'] as const) {
          expect(decideShipmentEvent(at(status), event(type, T2))).toEqual({
            action: 'stale',
            reason: REASONS.alreadyFurther,
          });
        }
      },
    );

    it('confirms a shipment once, whether or not picking and packing were reported', () => {
      expect(decideShipmentEvent(null, event('shipped'))).toEqual({ action: 'confirm' });
      expect(decideShipmentEvent(at('picked'), event('shipped'))).toEqual({ action: 'confirm' });
      expect(decideShipmentEvent(at('packed'), event('shipped', T0))).toEqual({
        action: 'confirm',
      });
    });

    it.each(['shipped', 'in_transit', 'exception', 'delivered'] as const)(
      'refuses a second confirmation of a shipment that is %s',
      (status) => {
        expect(decideShipmentEvent(at(status), event('shipped'))).toEqual({
          action: 'refuse',
          reason: REASONS.alreadyShipped,
        });
      },
    );
  });

  describe('carrier events', () => {
    it.each(['in_transit', 'exception', 'delivered'] as const)(
      'parks %s until the warehouse confirms the shipment',
      (type) => {
        const parked = { action: 'park', reason: REASONS.awaitingShipment };
        expect(decideShipmentEvent(null, event(type))).toEqual(parked);
        expect(decideShipmentEvent(at('picked'), event(type))).toEqual(parked);
        expect(decideShipmentEvent(at('packed'), event(type))).toEqual(parked);
      },
    );

    it('applies newer scans in time order, back and forth between transit and exception', () => {
      expect(decideShipmentEvent(at('shipped'), event('in_transit'))).toEqual({ action: 'apply' });
      expect(decideShipmentEvent(at('in_transit'), event('exception'))).toEqual({
        action: 'apply',
      });
      expect(decideShipmentEvent(at('exception'), event('in_transit'))).toEqual({
        action: 'apply',
      });
      expect(decideShipmentEvent(at('in_transit', T2), event('in_transit', T2))).toEqual({
        action: 'apply',
      });
    });

    it('never lets an older scan overwrite a newer state', () => {
      for (const status of ['shipped', 'in_transit', 'exception'] as const) {
        for (const type of ['in_transit', 'exception'] as const) {
          expect(decideShipmentEvent(at(status, T2), event(type, T1))).toEqual({
            action: 'stale',
            reason: REASONS.olderThanLatest,
          });
        }
      }
    });

    it('applies a delivery even when the carrier clock is behind the warehouse', () => {
      expect(decideShipmentEvent(at('shipped', T2), event('delivered', T0))).toEqual({
        action: 'apply',
      });
      expect(decideShipmentEvent(at('exception', T2), event('delivered', T1))).toEqual({
        action: 'apply',
      });
    });

    it('treats delivered as final', () => {
      for (const type of ['in_transit', 'exception', 'delivered'] as const) {
        expect(decideShipmentEvent(at('delivered', T0), event(type, T2))).toEqual({
          action: 'stale',
          reason: REASONS.alreadyDelivered,
        });
      }
    });

    it('applies a scan when no event time is known yet', () => {
      expect(decideShipmentEvent(at('shipped', null), event('in_transit', T0))).toEqual({
        action: 'apply',
      });
    });
  });

  it('decides every pair of status and event type without throwing', () => {
    for (const status of SHIPMENT_EVENT_TYPES) {
      for (const type of SHIPMENT_EVENT_TYPES) {
        const decision = decideShipmentEvent(at(status), event(type));
        expect(['apply', 'confirm', 'park', 'stale', 'refuse']).toContain(decision.action);
      }
    }
  });

  it('reads offsets as the same instant', () => {
    expect(
      decideShipmentEvent(at('in_transit', '2026-03-01T12:00:00Z'), {
        type: 'exception',
        occurredAt: '2026-03-01T07:59:59-04:00',
      }),
    ).toEqual({ action: 'stale', reason: REASONS.olderThanLatest });
  });

  it.each([
    ['a time without a zone', '2026-03-01T10:00:00', 'occurredAt'],
    ['a date only', '2026-03-01', 'occurredAt'],
    ['an impossible time', '2026-02-30T25:00:00Z', 'occurredAt'],
    ['not a string', 12 as unknown as string, 'occurredAt'],
  ])('refuses %s', (_label, occurredAt, field) => {
    const error = captureDomainError(() =>
      decideShipmentEvent(null, { type: 'picked', occurredAt }),
    );
    expect(error.code).toBe(DomainErrorCode.TIME_INVALID);
    expect(error.field).toBe(field);
  });

  it('refuses an unknown event type or shipment status', () => {
    const unknown = 'lost' as ShipmentEventType;
    expect(captureDomainError(() => decideShipmentEvent(null, event(unknown))).code).toBe(
      DomainErrorCode.SHIPMENT_INVALID_EVENT,
    );
    expect(captureDomainError(() => decideShipmentEvent(at(unknown), event('picked'))).code).toBe(
      DomainErrorCode.SHIPMENT_INVALID_EVENT,
    );
    expect(
      captureDomainError(() =>
        decideShipmentEvent({ status: 'shipped', lastEventAt: 'yesterday' }, event('in_transit')),
      ).field,
    ).toBe('lastEventAt');
  });
});

describe('parkedEventsInOrder', () => {
  it('orders by time, then by stage within the same instant, without touching the input', () => {
    const events = [
      { id: 'd', type: 'delivered' as const, occurredAt: T1 },
      { id: 't2', type: 'in_transit' as const, occurredAt: T1 },
      { id: 't1', type: 'in_transit' as const, occurredAt: T0 },
      { id: 'x', type: 'exception' as const, occurredAt: '2026-03-01T10:30:00+00:00' },
    ];
    expect(parkedEventsInOrder(events).map((e) => e.id)).toEqual(['t1', 'x', 't2', 'd']);
    expect(events.map((e) => e.id)).toEqual(['d', 't2', 't1', 'x']);
  });

  it('names the parked event with a bad time', () => {
    const error = captureDomainError(() =>
      parkedEventsInOrder([event('in_transit'), { type: 'delivered', occurredAt: 'soon' }]),
    );
    expect(error.field).toBe('events[1].occurredAt');
  });
});

describe('reconciledDeliveryTime', () => {
  it('keeps the carrier time when it is after the ship time', () => {
    expect(reconciledDeliveryTime(T0, T2)).toBe('2026-03-01T12:00:00.000Z');
  });

  it('never records a delivery before the shipment left', () => {
    expect(reconciledDeliveryTime(T2, T0)).toBe('2026-03-01T12:00:00.000Z');
  });

  it('takes the carrier time when the ship time is unknown', () => {
    expect(reconciledDeliveryTime(null, '2026-03-01T08:00:00-02:00')).toBe(
      '2026-03-01T10:00:00.000Z',
    );
  });
});
