import { z } from 'zod';
import type { Config } from '../../config/env';

export type BindType = 'transceiver' | 'transmitter_receiver';

export interface SmppEndpoint {
  host: string;
  port: number;
  systemId: string;
  password: string;
}

export interface SmsConfig {
  endpoint: SmppEndpoint;
  shortCode: string;
  bindType: BindType;
  enquireLinkMs: number;
  responseTimeoutMs: number;
  submitTps: number;
  window: number;
  multipartTimeoutMs: number;
  /** Open concatenated-SMS sets one originator may have; opening one more takes the oldest in early. */
  multipartMaxOpenPerSender: number;
  /** Absolute lifetime of every multipart key in Redis, so nothing outlives a sweeper that never ran. */
  multipartKeyTtlMs: number;
  reconnectMaxMs: number;
  /** Redis key prefix for the channel's state (parts, receipts, send progress). */
  keyPrefix: string;
}

const SMPP_URL = /^smpp:\/\/([^:@/]+):([^@/]*)@([^:/]+):(\d{1,5})\/?$/;

const positive = (fallback: number) => z.coerce.number().positive().default(fallback);

const SmsEnv = z.object({
  SMPP_URL: z.string().regex(SMPP_URL, 'must be smpp://system_id:password@host:port'),
  SMS_SHORT_CODE: z.string().regex(/^\d{3,15}$/, 'digits only').default('1708'),
  SMPP_BIND_TYPE: z.enum(['transceiver', 'transmitter_receiver']).default('transceiver'),
  SMPP_ENQUIRE_LINK_SECONDS: positive(30),
  SMPP_RESPONSE_TIMEOUT_SECONDS: positive(10),
  SMPP_SUBMIT_TPS: positive(50),
  SMPP_WINDOW: z.coerce.number().int().positive().max(1000).default(10),
  SMS_MULTIPART_TIMEOUT_SECONDS: positive(600),
  SMS_MULTIPART_MAX_OPEN_PER_SENDER: z.coerce.number().int().positive().max(1000).default(10),
  SMS_MULTIPART_KEY_TTL_SECONDS: positive(86_400),
  SMPP_RECONNECT_MAX_SECONDS: positive(60),
}).refine((env) => env.SMS_MULTIPART_KEY_TTL_SECONDS >= env.SMS_MULTIPART_TIMEOUT_SECONDS * 2, {
  // The sweeper takes a set in at its timeout; the TTL is the backstop for when no sweeper runs.
  message: 'must be at least twice SMS_MULTIPART_TIMEOUT_SECONDS, or sets could expire before they are swept',
  path: ['SMS_MULTIPART_KEY_TTL_SECONDS'],
});

export class SmsConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid SMS configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SmsConfigError';
  }
}

/** The channel is on when SMPP_URL is set (empty counts as unset, as everywhere in config). */
export function smsEnabled(config: Config): boolean {
  return typeof config.SMPP_URL === 'string' && config.SMPP_URL !== '';
}

/** Parses the SMS variables out of the gateway's configuration; a bad value names its variable. */
export function parseSmsConfig(config: Config): SmsConfig {
  const parsed = SmsEnv.safeParse(config);
  if (!parsed.success) {
    // Never echo the URL itself: it carries the SMPP password.
    throw new SmsConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const [, systemId, password, host, port] = SMPP_URL.exec(env.SMPP_URL) ?? [];
  const portNumber = Number(port);
  if (!systemId || password === undefined || !host || !(portNumber > 0 && portNumber < 65536)) {
    throw new SmsConfigError(['SMPP_URL: must be smpp://system_id:password@host:port']);
  }
  return {
    endpoint: { host, port: portNumber, systemId: decodeURIComponent(systemId), password: decodeURIComponent(password) },
    shortCode: env.SMS_SHORT_CODE,
    bindType: env.SMPP_BIND_TYPE,
    enquireLinkMs: env.SMPP_ENQUIRE_LINK_SECONDS * 1000,
    responseTimeoutMs: env.SMPP_RESPONSE_TIMEOUT_SECONDS * 1000,
    submitTps: env.SMPP_SUBMIT_TPS,
    window: env.SMPP_WINDOW,
    multipartTimeoutMs: env.SMS_MULTIPART_TIMEOUT_SECONDS * 1000,
    multipartMaxOpenPerSender: env.SMS_MULTIPART_MAX_OPEN_PER_SENDER,
    multipartKeyTtlMs: env.SMS_MULTIPART_KEY_TTL_SECONDS * 1000,
    reconnectMaxMs: env.SMPP_RECONNECT_MAX_SECONDS * 1000,
    keyPrefix: `${config.QUEUE_PREFIX}:sms:`,
  };
}
