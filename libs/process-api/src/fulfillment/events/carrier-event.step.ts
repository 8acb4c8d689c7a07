import { Injectable } from '@nestjs/common';
import { type CarrierEventType, decideShipmentEvent } from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { Shipment } from '@o2c/persistence';
import { FulfillmentErrorCode, fulfillmentProblem } from '../fulfillment.errors';
import { ShipmentRecordsRepository } from '../persistence/shipment-records.repository';
import { applyCarrierScan } from './carrier-scan';
import { type EventContext, eventDetail } from './event-context';
import { type ShipmentEventOutcome, shipmentLink } from './shipment-event.outcome';
import { ShipmentHistoryWriter } from './shipment-history.writer';

/**
 * A carrier scan (in transit, exception, delivered) for a shipment named by its tracking number
 * (or our shipment number): applied when the shipment is confirmed and the scan is not older
 * than its state, kept as history when it is, parked while the warehouse has not confirmed the
 * shipment. A carrier touches only the shipments it carries: another's answers 404.
 */
@Injectable()
export class CarrierEventStep {
  constructor(
    private readonly records: ShipmentRecordsRepository,
    private readonly history: ShipmentHistoryWriter,
  ) {}

  async record(context: EventContext, type: CarrierEventType): Promise<ShipmentEventOutcome> {
    const { manager, body } = context;
    const trackingNumber = body.trackingNumber ?? '';
    const carrier = this.carrierOf(context);
    await this.records.lockTracking(manager, carrier, trackingNumber);
    const shipment = await this.shipmentOf(context, carrier, trackingNumber);
    const decision = decideShipmentEvent(
      shipment
        ? { status: shipment.status, lastEventAt: shipment.lastEventAt?.toISOString() ?? null }
        : null,
      { type, occurredAt: body.occurredAt },
    );
    const base = {
      eventId: body.eventId,
      type,
      duplicate: false,
      receivedAt: context.receivedAt.toISOString(),
      order: null,
      invoice: null,
      parkedEventsApplied: [],
    };
    if (decision.action === 'apply' && shipment) {
      applyCarrierScan(
        shipment,
        await this.records.shippedOrder(manager, shipment.orderId),
        { type, occurredAt: context.occurredAt, eventId: body.eventId, detail: eventDetail(body) },
        context.journal,
      );
      await this.records.saveShipment(manager, shipment);
    }
    const status =
      decision.action === 'apply' ? 'applied' : decision.action === 'park' ? 'parked' : 'stale';
    const outcome: ShipmentEventOutcome = {
      ...base,
      outcome: status,
      reason: 'reason' in decision ? decision.reason : null,
      shipment: shipment ? shipmentLink(shipment) : null,
    };
    await this.history.write(context, {
      shipmentId: shipment?.id ?? null,
      status,
      carrier,
      trackingNumber,
      outcome,
    });
    return outcome;
  }

  /** A carrier client reports as itself; staff name the carrier. */
  private carrierOf(context: EventContext): string {
    const { sender, body } = context;
    const named = body.carrier?.scac;
    if (sender.carrier !== undefined) {
      if (named !== undefined && named !== sender.carrier) {
        throw fulfillmentProblem(
          FulfillmentErrorCode.NOT_YOUR_CARRIER,
          '/body/carrier/scac',
          `this client reports for carrier ${sender.carrier}, not ${named}`,
        );
      }
      return sender.carrier;
    }
    if (named === undefined) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.FIELD_REQUIRED,
        '/body/carrier/scac',
        'name the carrier (carrier.scac) of the scan',
      );
    }
    return named;
  }

  /**
   * The shipment the scan is about, locked; undefined when none is known yet (the scan parks).
   * One that travels with another carrier is not this carrier's to see: 404.
   */
  private async shipmentOf(
    context: EventContext,
    carrier: string,
    trackingNumber: string,
  ): Promise<Shipment | undefined> {
    const { manager, body } = context;
    const named = body.shipmentNumber
      ? await this.records.lockByNumber(manager, body.shipmentNumber)
      : null;
    const candidates = named ? [named] : await this.records.lockByTracking(manager, trackingNumber);
    if (candidates.length === 0) return undefined;
    // A shipment not confirmed yet may not name its carrier: the scan parks on it, and applies
    // at confirmation only if the warehouse names this carrier.
    const carried =
      candidates.find((shipment) => shipment.carrier === carrier) ??
      candidates.find((shipment) => shipment.carrier === null && shipment.shippedAt === null);
    if (!carried) {
      throw ProblemException.notFound(
        'shipment',
        body.shipmentNumber ?? `with tracking number ${trackingNumber}`,
      );
    }
    return carried;
  }
}
