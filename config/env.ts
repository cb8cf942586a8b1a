import { z } from 'zod';
import { DEFAULT_PARSE_BUDGET_MS } from '../src/parse/parseBudget';
import { REPORTER_KEY_FORMAT, REPORTER_KEY_FORMAT_MESSAGE } from '../src/privacy/reporterVault';
import { parseApiTokenEntry } from './apiTokenEntries';
import { parseTrustProxy } from './trustProxy';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const commaList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The whole environment of the gateway. Every variable is listed in the README's configuration
 * table; keep the two in step. Variables this schema does not name pass through unparsed: each
 * channel parses its own (SMPP_…, TWITTER_…) with zod in its folder.
 */
export const EnvSchema = z.looseObject({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Unset: use 127.0.0.1:6379 when it answers, otherwise start a private redis-server under DATA_DIR. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Unset: embedded PGlite under DATA_DIR. postgres://… or mongodb://… for the server stores. */
  STORE_URL: z
    .string()
    .regex(/^(postgres(ql)?|mongodb(\+srv)?|memory):\/\//, 'must be postgres://, postgresql://, mongodb:// or memory://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Integration API tokens: comma-separated `name:token:scope` (config/apiTokenEntries.ts); the name is what logs show. */
  API_TOKENS: commaList.transform((entries, ctx) =>
    entries.flatMap((entry, i) => {
      const parsed = parseApiTokenEntry(entry, i + 1);
      if (!('problem' in parsed)) return [parsed];
      ctx.issues.push({ code: 'custom', message: parsed.problem, input: undefined });
      return [];
    }),
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Signs report access tokens. Unset: generated once and kept in DATA_DIR/secret.key (single machine only). */
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Seals the identity of rahasia reporters in the store (AES-256-GCM). Unset: generated once and
   * kept in DATA_DIR/reporter.key (single machine only).
   */
  REPORTER_KEY: z.string().regex(REPORTER_KEY_FORMAT, REPORTER_KEY_FORMAT_MESSAGE).optional(),
  /** Earlier REPORTER_KEYs, comma-separated: they still open what they sealed until it is resealed. */
  REPORTER_KEYS_OLD: commaList.pipe(z.array(z.string().regex(REPORTER_KEY_FORMAT, `each entry ${REPORTER_KEY_FORMAT_MESSAGE}`))),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_{}:-]+$/).default('{lapor}'),
  INBOUND_CONCURRENCY: positiveInt(20),
  OUTBOUND_CONCURRENCY: positiveInt(20),
  JOB_ATTEMPTS: positiveInt(8),
  /** First retry delay; later ones double (exponential backoff). */
  JOB_BACKOFF_MS: positiveInt(1000),
  /** How long a worker's lock on a job lasts; a killed worker's jobs are retried after about this long. */
  JOB_LOCK_MS: positiveInt(30_000),
  RECOVERY_INTERVAL_SECONDS: positiveInt(30),
  /** A stored message without a job for this long is considered lost and re-enqueued. */
  RECOVERY_GRACE_SECONDS: positiveInt(60),
  WEB_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  API_RATE_LIMIT_PER_MINUTE: positiveInt(120),
  /** Status page lookups (GET /lapor/status?nomor=…) per client address per minute: guessing numbers stays slow. */
  STATUS_RATE_LIMIT_PER_MINUTE: positiveInt(30),
  /** Extra non-working days (YYYY-MM-DD, comma-separated) beyond config/holidays.json. */
  HOLIDAYS: commaList.pipe(z.array(z.string().regex(isoDate, 'each entry must be YYYY-MM-DD'))),
  /** Behind a reverse proxy: Express "trust proxy" (a hop count, true/false, or addresses, subnets and loopback/linklocal/uniquelocal). */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const parsed = parseTrustProxy(value);
      if (parsed !== null) return parsed;
      ctx.issues.push({ code: 'custom', message: 'must be a hop count, true/false, or a comma-separated list of addresses, subnets and loopback/linklocal/uniquelocal', input: undefined });
      return z.NEVER;
    }),
  SHUTDOWN_TIMEOUT_MS: positiveInt(15_000),
  /** How long one message may take to parse (the worker shares its event loop with HTTP); past it the message goes to review as parse_budget. */
  PARSE_BUDGET_MS: positiveInt(DEFAULT_PARSE_BUDGET_MS),
  /** A client slower than this to send a whole request (slow-loris bodies) has its socket closed. */
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  /** …and slower than this to send its headers. */
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(15_000),
  SENDER_FLOOD_PER_MINUTE: positiveInt(20),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export type Config = z.infer<typeof EnvSchema> & {
  /**
   * Every non-empty variable as given. Channels parse their own settings from it with their own zod
   * schema (channels/<name>/config.ts), so a channel's variables stay in its folder.
   */
  readonly env: Readonly<Record<string, string>>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once; a bad value throws ConfigError naming each offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value !== '') present[name] = value;
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return { ...parsed.data, env: present };
}
