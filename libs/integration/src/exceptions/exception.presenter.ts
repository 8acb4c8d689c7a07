import type { IntegrationException } from '@o2c/persistence';

export interface ExceptionView {
  id: string;
  kind: string;
  source: string;
  partner: string | null;
  eventType: string;
  reference: string | null;
  errorCode: string;
  errorDetail: string;
  payload: Record<string, unknown>;
  status: string;
  replayCount: number;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionReason: string | null;
  ageSeconds: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentException(exception: IntegrationException, now: Date): ExceptionView {
  return {
    id: exception.id,
    kind: exception.kind,
    source: exception.source,
    partner: exception.partner,
    eventType: exception.eventType,
    reference: exception.reference,
    errorCode: exception.errorCode,
    errorDetail: exception.errorDetail,
    payload: exception.payload,
    status: exception.status,
    replayCount: exception.replayCount,
    resolvedAt: exception.resolvedAt === null ? null : exception.resolvedAt.toISOString(),
    resolvedBy: exception.resolvedBy,
    resolutionReason: exception.resolutionReason,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - exception.createdAt.getTime()) / 1000)),
    version: exception.version,
    createdAt: exception.createdAt.toISOString(),
    updatedAt: exception.updatedAt.toISOString(),
  };
}
