import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { NatsSettings } from './nats-settings';

/** Retention of a stream this worker creates; an existing stream's limits are the operators'. */
const CREATED_STREAM_MAX_AGE_MS = 7 * 24 * 3_600_000;

export type StreamOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Makes sure the events stream exists and captures `<prefix>.>`: created with file storage,
 * limits retention and the configured duplicate window; an existing stream missing the
 * subject gets it added and keeps everything else.
 */
export async function ensureEventStream(
  manager: JetStreamManager,
  settings: NatsSettings,
): Promise<StreamOutcome> {
  const subject = `${settings.subjectPrefix}.>`;
  const existing = await manager.streams.info(settings.stream).catch((error: unknown) => {
    if (isStreamNotFound(error)) return undefined;
    throw error;
  });
  if (!existing) {
    await manager.streams.add({
      name: settings.stream,
      subjects: [subject],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(CREATED_STREAM_MAX_AGE_MS),
      duplicate_window: nanos(settings.duplicateWindowSeconds * 1000),
    });
    return 'created';
  }
  const subjects = existing.config.subjects ?? [];
  if (subjects.includes(subject)) return 'unchanged';
  await manager.streams.update(settings.stream, { subjects: [...subjects, subject] });
  return 'updated';
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}
