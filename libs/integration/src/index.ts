// Public surface of @o2c/integration: add each capability's exports as it lands.

export {
  type BankAccountReference,
  type ControlScope,
  type ControlTotal,
  type ParsedRemittanceFile,
  type PartyIdentifier,
  REMITTANCE_PAYMENT_METHODS,
  REFERENCE_KINDS,
  type ReferenceKind,
  type Remittance,
  type RemittanceAdjustment,
  REMITTANCE_FILE_FORMATS,
  REMITTANCE_KINDS,
  type RemittanceFileFormat,
  type RemittanceFileIdentity,
  type RemittanceKind,
  type RemittanceLine,
  type RemittancePayer,
  type RemittancePaymentMethod,
  type SkippedEntry,
} from './remittance-files/remittance.model';
export { controlReport, type ControlReport } from './remittance-files/control-report';
export {
  isRemittanceFileError,
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from './remittance-files/remittance-file.error';
export {
  detectFormat,
  parseRemittanceFile,
  type ParseRemittanceFileOptions,
} from './remittance-files/remittance-file.parser';
export { payloadSha256, sha256Hex } from './remittance-files/remittance-file.identity';
export {
  toPayerEvidence,
  toPaymentToApply,
} from './remittance-files/remittance-to-cash-application.mapper';
export {
  OUTBOX_SINKS,
  outboxSinksProvider,
  OutboxDeliveryError,
  type OutboxSink,
  OutboxSinkUnavailableError,
  type RelayedMessage,
} from './outbox/outbox-sink';
export { OutboxRelayModule, type OutboxRelayModuleOptions } from './outbox/outbox-relay.module';
export { OutboxRelayService, type RelayBatchResult } from './outbox/outbox-relay.service';
export { NatsEventsModule } from './events/nats-events.module';
export { NatsEventBus } from './events/nats-event-bus';
export { NatsOutboxSink } from './events/nats-outbox.sink';
export { natsSettings, type NatsSettings } from './events/nats-settings';
export { TimersModule } from './timers/timers.module';
export { SlaEscalationJob, type EscalationRound } from './timers/sla-escalation.job';
export { HoldReminderJob, type ReminderRound } from './timers/hold-reminder.job';
export { MetricsModule } from './metrics/metrics.module';
export { MetricsRegistry, METRIC_PREFIX } from './metrics/metrics-registry';
export { HttpMetricsModule } from './metrics/http-metrics.module';
export { IntegrationApiModule } from './integration-api.module';
export {
  WebhookDispatchModule,
  type WebhookDispatchOptions,
} from './webhooks/webhook-dispatch.module';
export { WebhookFanOutSink } from './webhooks/dispatch/webhook-fan-out.sink';
export { WebhookDispatcher } from './webhooks/dispatch/webhook-dispatcher.runner';
export { WebhookSubscriptionsModule } from './webhooks/webhook-subscriptions.module';
export { webhookSettings, type WebhookSettings } from './webhooks/webhook.settings';
export { ExceptionReplayModule } from './exceptions/exception-replay.module';
export {
  type ExceptionReplayHandler,
  ExceptionReplayRegistry,
  type ReplayOutcome,
  ReplayRefusedError,
} from './exceptions/exception-replay.registry';
export {
  type IntegrationFailure,
  recordIntegrationException,
} from './exceptions/integration-exception.recorder';
export {
  type ExceptionMatch,
  type ExceptionResolution,
  resolveExceptions,
} from './exceptions/integration-exception.resolver';
export { ExceptionQueueModule } from './exceptions/exception-queue.module';
