import { Injectable, type OnModuleInit } from '@nestjs/common';
import { toProblem } from '@o2c/http';
import {
  type ExceptionReplayHandler,
  ExceptionReplayRegistry,
  type ReplayOutcome,
  ReplayRefusedError,
} from '@o2c/integration';
import type { IntegrationException } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { ShipmentEventBody } from '../shipment-event.contract';
import { RecordShipmentEventUseCase } from './record-shipment-event.use-case';
import { checkEventRequest } from './shipment-event.request';
import { senderFromSnapshot } from './shipment-event.sender';

/** Where refused shipment events come from: warehouse systems, carriers, staff keying in. */
const SOURCES = ['wms:', 'carrier:', 'staff:'] as const;

/**
 * Replays shipment events the platform refused (422: an order not known or not released yet,
 * stock the books did not have...) once operations fixed the cause: the stored event goes
 * through the shipment-event use case again, as its original sender and in the replay's
 * transaction, so the entry is resolved together with what the event did (the shipment, its
 * invoice) or, when it is refused again, nothing changes and the entry stays open.
 */
@Injectable()
export class ShipmentEventReplayHandler implements OnModuleInit {
  constructor(
    private readonly registry: ExceptionReplayRegistry,
    private readonly events: RecordShipmentEventUseCase,
  ) {}

  onModuleInit(): void {
    for (const source of SOURCES) this.registry.register(this.handlerFor(source));
  }

  private handlerFor(source: string): ExceptionReplayHandler {
    return {
      kind: 'inbound_event',
      source,
      replay: (exception, manager) => this.replay(exception, manager),
    };
  }

  async replay(exception: IntegrationException, manager: EntityManager): Promise<ReplayOutcome> {
    const payload = exception.payload as { event?: unknown; sender?: unknown } | null;
    const body = payload?.event as ShipmentEventBody | undefined;
    const sender = senderFromSnapshot(payload?.sender);
    if (typeof body !== 'object' || body === null || typeof body.eventId !== 'string') {
      throw new ReplayRefusedError('EVENT_MISSING', 'the entry does not carry the shipment event');
    }
    if (sender === undefined || sender.source !== exception.source) {
      throw new ReplayRefusedError(
        'SENDER_UNKNOWN',
        'the entry does not name the sender of the event; the sender must deliver it again',
      );
    }
    try {
      checkEventRequest(body, new Date());
      const outcome = await this.events.applyAs(manager, sender, body);
      const what = [
        outcome.shipment ? `shipment ${outcome.shipment.shipmentNumber}` : null,
        outcome.invoice ? `invoice ${outcome.invoice.invoiceNumber}` : null,
      ].filter((part) => part !== null);
      return {
        outcome: 'processed',
        detail:
          `shipment event ${body.eventId} ${outcome.duplicate ? 'was applied before' : outcome.outcome}` +
          (what.length > 0 ? ` (${what.join(', ')})` : ''),
      };
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) throw error;
      throw new ReplayRefusedError(problem.code, problem.message);
    }
  }
}
