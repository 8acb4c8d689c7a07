import { z } from 'zod';

const postgresUrl = z
  .string()
  .url()
  .refine(
    (value) => /^postgres(?:ql)?:\/\//.test(value),
    'must be a postgres:// or postgresql:// URL',
  );

const redisUrl = z
  .string()
  .url()
  .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL');

const natsUrl = z
  .string()
  .refine((value) => /^(?:nats|tls|wss?):\/\/[^\s]+$/.test(value), 'must be a nats:// URL');

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/**
 * Every setting the gateway and worker read, validated once at boot.
 * Unset optional slots mean "feature off" (for example no REDIS_URL: rate-limit counters stay in
 * memory). Empty strings count as unset.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1024).max(32767).optional(),
  CONTRACTS_DIR: z.string().min(1).default('openapi'),
  /** Staging: check every successful response against its contract schema and log mismatches. */
  VALIDATE_RESPONSES: booleanFlag.default(false),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a load balancer: `true` (trust X-Forwarded-For) or the proxies' addresses/CIDRs,
   *  comma-separated. Client IPs key the rate limits of open operations (the token endpoint). */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(?:true|false|[0-9a-fA-F.:/]+(?:,[0-9a-fA-F.:/]+)*)$/,
      'must be true, false or comma-separated proxy addresses',
    )
    .transform((value) => (value === 'true' ? true : value === 'false' ? false : value))
    .default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
  SEED_DEMO_DATA: booleanFlag.default(true),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  REDIS_URL: redisUrl.optional(),
  /** Prefix of the rate-limit counter keys in Redis (one per deployment sharing a Redis). */
  RATE_LIMIT_REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.{}-]{1,100}$/, 'must be 1-100 of letters, digits and _ : . - { }')
    .default('o2c:rate-limit:'),
  NATS_URL: natsUrl.optional(),
  /** JetStream stream the worker ensures and publishes outbox messages to. */
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of letters, digits, _ and -')
    .default('O2C_EVENTS'),
  /** Subjects are `<prefix>.<eventType>`, e.g. o2c.order.released. */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/, 'must be dot-separated NATS subject tokens')
    .default('o2c'),
  /** JetStream de-duplicates a message id published again within this window. */
  NATS_DUPLICATE_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** Pause between relay polls when the last batch was not full. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(100),
  /** Failed deliveries of a message before it is 'dead' and in the exception queue. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(15),
  /** Retry n waits base * 2^(n-1), capped at the max, spread by ±25 % jitter. */
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  OUTBOX_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  /** How often the SLA-escalation and hold-reminder timers look for due work. */
  TIMER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  TIMER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** Ages (hours) of an open hold at which reminders 1, 2, 3... go out. */
  HOLD_REMINDER_HOURS: z
    .string()
    .regex(/^\d+(?:\.\d+)?(?:,\d+(?:\.\d+)?)*$/, 'must be comma-separated hours, e.g. 24,72,168')
    .transform((value) => value.split(',').map(Number))
    .refine(
      (hours) => hours.every((hour, index) => hour > 0 && (index === 0 || hour > hours[index - 1])),
      'must be increasing hours above zero',
    )
    .default([24, 72, 168]),
  /** How often the gateway looks for remittance files whose cash application stopped part-way
   *  (a restart, a lost connection) and resumes them; 0 turns the resumer off. */
  REMITTANCE_RESUME_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .refine((ms) => ms === 0 || ms >= 100, 'must be 0 (off) or at least 100 ms')
    .default(60_000),
  /** Resumption attempts a remittance file gets; after this many failed ones it is parked (no
   *  longer claimed, logged once, `remittance_file.parked` published) for someone to look at. */
  REMITTANCE_RESUME_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** Payments of a remittance file recorded per transaction; the cash of each slice is applied
   *  while the next is recorded. A customer's payments are never split across slices. */
  REMITTANCE_RECORDING_SLICE: z.coerce.number().int().min(1).max(50_000).default(3_000),
  /** Webhook delivery: one attempt may take this long (connect, send, first bytes back). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Retries: initial delay, multiplied each time up to the maximum, spread by ± the jitter
   *  ratio, for as long as the retry window (3 days) after the delivery was queued. */
  WEBHOOK_RETRY_INITIAL_DELAY_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  WEBHOOK_RETRY_MULTIPLIER: z.coerce.number().min(1).max(10).default(2),
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(86_400_000).default(21_600_000),
  WEBHOOK_RETRY_JITTER_RATIO: z.coerce.number().min(0).max(0.99).default(0.2),
  WEBHOOK_RETRY_WINDOW_SECONDS: z.coerce.number().int().min(1).max(2_592_000).default(259_200),
  /** Circuit breaker per endpoint: opens after this many consecutive failures, probes again
   *  after the cool-down. */
  WEBHOOK_CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  WEBHOOK_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
  /** How long the previous signing secret keeps signing after a rotation (default). */
  WEBHOOK_SECRET_OVERLAP_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  /** Dispatcher: deliveries in flight at once, and the pause between polls when idle. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(100),
  /** Local development only: http:// endpoints, and loopback/private/link-local/unique-local
   *  addresses (webhooks to a receiver on this machine). Never in production. */
  WEBHOOK_ALLOW_INSECURE_HTTP: booleanFlag.default(false),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: booleanFlag.default(false),
  JWT_ISSUER: z.string().min(1).default('o2c-gateway'),
  JWT_AUDIENCE: z.string().min(1).default('o2c-api'),
  JWT_ALGORITHMS: z
    .string()
    .regex(
      /^(?:RS256|ES256|HS256)(?:,(?:RS256|ES256|HS256))*$/,
      'must be a comma list of RS256, ES256, HS256',
    )
    .default('RS256,ES256'),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_PUBLIC_KEYS_FILE: z.string().min(1).optional(),
  JWT_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_MAX_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  /** The gateway's own ES256 key for the tokens it issues; created on first start if absent. */
  JWT_SIGNING_KEY_FILE: z.string().min(1).default('.data/keys/signing-key.pem'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  /** Overlap during which a rotated client secret keeps working. */
  CLIENT_SECRET_OVERLAP_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  /** How long an Idempotency-Key replays its first answer; the contracts promise 24 hours. */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(24).max(720).default(24),
  /** How long a request holds its Idempotency-Key before a retry may take the key over (a
   *  process that died mid-request never releases it); longer than any request may run. */
  IDEMPOTENCY_LOCK_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** How much more of an order line a warehouse may ship than was allocated to it, as a percent
   *  of the ordered quantity (0: never more than allocated). A decimal string, 0 to 100. */
  OVER_SHIPMENT_TOLERANCE_PERCENT: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percent such as 0, 2.5 or 10')
    .refine((value) => Number(value) <= 100, 'must be at most 100')
    .default('0'),
});

export type Environment = z.infer<typeof environmentSchema>;
