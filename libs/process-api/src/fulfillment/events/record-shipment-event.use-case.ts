import { Injectable, Logger } from '@nestjs/common';
import { isCarrierEvent } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { ProblemException, toProblem } from '@o2c/http';
import { FulfillmentErrorCode, fulfillmentProblem } from '../fulfillment.errors';
import { InboundEventsRepository } from '../persistence/inbound-events.repository';
import { ShipmentLogRepository } from '../persistence/shipment-log.repository';
import { ShipmentRecordsRepository } from '../persistence/shipment-records.repository';
import type { ShipmentEventBody } from '../shipment-event.contract';
import { CarrierEventStep } from './carrier-event.step';
import type { EventContext } from './event-context';
import { ExceptionQueueWriter } from './exception-queue.writer';
import { presentInvoiceLink } from '../read/shipment-detail.presenter';
import type { ShipmentEventOutcome } from './shipment-event.outcome';
import { checkEventRequest } from './shipment-event.request';
import { type EventSender, eventSender } from './shipment-event.sender';
import { ShipmentJournal } from './shipment-journal';
import { WarehouseEventStep } from './warehouse-event.step';

/**
 * One shipment event from a warehouse system or a carrier, in one transaction: claimed in the
 * inbox by the sender's event id (a re-delivery gets the first answer again; the id with
 * another body is refused), then applied, parked or kept as history. An event that cannot be
 * applied (422) writes nothing and opens an entry in the integration exception queue, in a
 * transaction of its own.
 */
@Injectable()
export class RecordShipmentEventUseCase {
  private readonly logger = new Logger('ShipmentEvents');

  constructor(
    private readonly records: ShipmentRecordsRepository,
    private readonly inbox: InboundEventsRepository,
    private readonly log: ShipmentLogRepository,
    private readonly warehouseEvents: WarehouseEventStep,
    private readonly carrierEvents: CarrierEventStep,
    private readonly exceptions: ExceptionQueueWriter,
  ) {}

  async execute(
    principal: Principal | undefined,
    body: ShipmentEventBody,
  ): Promise<ShipmentEventOutcome> {
    const sender = eventSender(principal, body.type);
    checkEventRequest(body, new Date());
    try {
      return await this.records.transaction((manager) => this.applyAs(manager, sender, body));
    } catch (error) {
      const queued = await this.queued(sender, body, error);
      if (queued) throw queued;
      throw error;
    }
  }

  /**
   * Applies the event as `sender` in the caller's transaction; refusals throw and write
   * nothing. The exception queue's replay re-submits refused events through here.
   */
  async applyAs(
    manager: EventContext['manager'],
    sender: EventSender,
    body: ShipmentEventBody,
  ): Promise<ShipmentEventOutcome> {
    const claim = await this.inbox.claim(manager, sender.source, body, body);
    if (claim.kind === 'seen') {
      if (!claim.samePayload || claim.outcome === null) {
        throw fulfillmentProblem(
          FulfillmentErrorCode.EVENT_ID_REUSED,
          '/body/eventId',
          `event ${body.eventId} was received before with another content; give a new event its own id`,
        );
      }
      const first = claim.outcome as unknown as ShipmentEventOutcome;
      return {
        ...first,
        duplicate: true,
        invoice: claim.invoice ? presentInvoiceLink(claim.invoice) : first.invoice,
      };
    }
    const context: EventContext = {
      manager,
      body,
      sender,
      inboundEventId: claim.inboundEventId,
      receivedAt: claim.receivedAt,
      occurredAt: new Date(body.occurredAt),
      journal: new ShipmentJournal(sender.actor),
    };
    const outcome = isCarrierEvent(body.type)
      ? await this.carrierEvents.record(context, body.type)
      : await this.warehouseEvents.record(context, body.type);
    await context.journal.flush(manager, this.log);
    return outcome;
  }

  /** A refusal the sender must act on (422) is queued for operations: the same problem, naming
   *  its entry in the exception queue. Undefined for every other error. */
  private async queued(
    sender: EventSender,
    body: ShipmentEventBody,
    error: unknown,
  ): Promise<ProblemException | undefined> {
    const problem = toProblem(error);
    if (problem.status !== 422) return undefined;
    try {
      const exceptionId = await this.exceptions.record(sender, body, problem);
      return new ProblemException(problem.code, problem.message, problem.errors, {
        status: problem.status,
        title: problem.title,
        extensions: { ...problem.extensions, exceptionId },
        headers: problem.headers,
      });
    } catch (queueError) {
      this.logger.error({ err: queueError, eventId: body.eventId }, 'exception queue write failed');
      return undefined;
    }
  }
}
