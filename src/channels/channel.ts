import type { ErrorRequestHandler, Router } from 'express';
import type Redis from 'ioredis';
import type { Config } from '../../config/env';
import type { Intake } from '../intake/accept';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { ReplyStyle } from '../replies/templates';
import type { Reply, Store } from '../store/types';
import type { RateLimiter } from '../http/rateLimit';
import type { ReportAccess } from '../intake/reportAccess';
import type { ReporterVault } from '../privacy/reporterVault';
import type { TicketLookup } from '../tickets/ticketLookup';

/** Everything a channel may use from the core. Channels never reach into each other. */
export interface ChannelContext {
  config: Config;
  store: Store;
  intake: Intake;
  log: Logger;
  rateLimiter: RateLimiter;
  reportAccess: ReportAccess;
  /**
   * Opens rahasia senders' identities (src/store/sealing.ts). For the outbound side only: sending a
   * reply needs the address; nothing that shows a ticket to a person may call it.
   */
  reporterVault: ReporterVault;
  lookup: TicketLookup;
  /** Shared command connection (fails fast when Redis is down): channel state such as SMS parts, checkpoints. */
  redis: Redis;
  /** For channels that run their own BullMQ queue or worker (pollers); give workers their own connection. */
  redisUrl: string;
  now: () => Date;
  /** Counters a channel adds to (rate-limit waits, its own failures); session state comes from health(). */
  metrics: Metrics;
}

export interface SendResult {
  /** 'delivered' when the channel knows the citizen has it (web, app); 'sent' when a receipt may follow. */
  status: 'sent' | 'delivered';
  providerId: string | null;
}

/** A send that will never succeed on retry (bad recipient, content refused): the reply is marked failed. */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/**
 * A send the platform refused for now (a rate-limit window): the outbound worker puts the job back
 * until `retryAt` without spending an attempt, since waiting out the window is not a failure.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** OpenAPI fragments a channel contributes to /api/v1/openapi.json. */
export interface OpenApiContribution {
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
}

/**
 * A channel: how messages arrive (routes and/or a long-running receiver) and how replies leave.
 * Adding a channel means one folder under channels/ and one line in channels/index.ts.
 */
export interface Channel {
  readonly name: string;
  readonly replyStyle: ReplyStyle;
  /**
   * True when recording a reply is delivering it: the citizen reads it from our own pages or API
   * (web status page, app). Such replies are stored as delivered with no send job.
   */
  readonly deliveredOnRecord?: boolean;
  enabled(config: Config): boolean;
  routes?(ctx: ChannelContext): Router;
  /** Answers failures on the channel's own paths in its own form (pages for the web form); others pass on. */
  errorHandler?(ctx: ChannelContext): ErrorRequestHandler;
  start?(ctx: ChannelContext): Promise<void>;
  stop?(): Promise<void>;
  send(reply: Reply, ctx: ChannelContext): Promise<SendResult>;
  openapi?(): OpenApiContribution;
  /**
   * Details for /readyz. `state` (a string: "ok", "bound", "unhealthy", …) and `healthy` (a boolean)
   * when present also feed /metrics (lapor_channel_session_state, lapor_channel_healthy).
   */
  health?(): Record<string, unknown>;
}
