import type { Environment } from '@o2c/config';

export interface NatsSettings {
  readonly url: string;
  readonly stream: string;
  /** Subjects are `<prefix>.<eventType>`. */
  readonly subjectPrefix: string;
  readonly duplicateWindowSeconds: number;
  /** How long a publish waits for the stream's acknowledgement. */
  readonly publishTimeoutMs: number;
}

export const NATS_SETTINGS = Symbol('NATS_SETTINGS');

export function natsSettings(environment: Environment): NatsSettings | undefined {
  if (!environment.NATS_URL) return undefined;
  return {
    url: environment.NATS_URL,
    stream: environment.NATS_STREAM,
    subjectPrefix: environment.NATS_SUBJECT_PREFIX,
    duplicateWindowSeconds: environment.NATS_DUPLICATE_WINDOW_SECONDS,
    publishTimeoutMs: 5000,
  };
}
