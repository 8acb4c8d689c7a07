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
