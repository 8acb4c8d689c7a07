/** x-lifecycle of a contract, as the loader reads it. Dates are YYYY-MM-DD (UTC). */
export interface ApiLifecycle {
  status: string;
  deprecated?: string;
  sunset?: string;
  successor?: string;
}

/** A contract the successor reference may point at. */
export interface SuccessorCandidate {
  apiId: string;
  major: number;
  docsUrl: string;
}

export type LifecycleVerdict =
  | { kind: 'active' }
  | { kind: 'deprecated'; headers: Record<string, string> }
  | { kind: 'retired'; headers: Record<string, string>; detail: string };

function midnightUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** RFC 9745 Deprecation value: an RFC 9651 Date, `@` and the Unix time in seconds. */
export function structuredDate(date: string): string {
  return `@${Math.floor(midnightUtc(date).getTime() / 1000)}`;
}

/** RFC 8594 Sunset value: an IMF-fixdate such as `Sun, 31 Jan 2027 00:00:00 GMT`. */
export function httpDate(date: string): string {
  return midnightUtc(date).toUTCString();
}

/**
 * Where `x-lifecycle.successor` points: a URL or absolute path as written, or the x-api-id
 * (optionally `<apiId>/v<major>`) of a loaded contract, whose docs page it then links to (the
 * newest major when none is named). Undefined when it names nothing the gateway knows.
 */
export function resolveSuccessorLink(
  successor: string | undefined,
  candidates: readonly SuccessorCandidate[],
): string | undefined {
  if (!successor) return undefined;
  if (/^(?:https?:\/\/|\/)/.test(successor)) return successor;
  const match = /^([a-z][a-z0-9-]*)(?:\/v(\d+))?$/.exec(successor);
  if (!match) return undefined;
  const [, apiId, major] = match;
  const found = candidates
    .filter((candidate) => candidate.apiId === apiId)
    .filter((candidate) => major === undefined || candidate.major === Number(major))
    .sort((a, b) => b.major - a.major)[0];
  return found?.docsUrl;
}

/**
 * What a call to an operation of this API answers with: nothing extra while active; the
 * Deprecation (when the date is known), Sunset and successor Link headers while deprecated;
 * 410 with Sunset and Link once retired.
 */
export function lifecycleVerdict(
  api: { apiId: string; major: number },
  lifecycle: ApiLifecycle,
  successorLink: string | undefined,
): LifecycleVerdict {
  if (lifecycle.status !== 'deprecated' && lifecycle.status !== 'retired') {
    return { kind: 'active' };
  }
  const headers: Record<string, string> = {};
  if (lifecycle.deprecated) headers.deprecation = structuredDate(lifecycle.deprecated);
  if (lifecycle.sunset) headers.sunset = httpDate(lifecycle.sunset);
  if (successorLink) headers.link = `<${successorLink}>; rel="successor-version"`;
  if (lifecycle.status === 'deprecated') return { kind: 'deprecated', headers };
  const since = lifecycle.sunset ? ` on ${lifecycle.sunset}` : '';
  const next = successorLink ? `; use ${successorLink}` : '';
  return {
    kind: 'retired',
    headers,
    detail: `${api.apiId} v${api.major} was retired${since}${next}`,
  };
}
