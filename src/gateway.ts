import { createServer, type Server } from 'node:http';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config/env';
import type { Channel, ChannelContext } from './channels/channel';
import { ChannelRegistry } from './channels/registry';
import type { Express } from 'express';
import { createConsole } from './console';
import { CaseIds } from './dedup/caseIds';
import { createApp } from './http/app';
import { checkTokenScopes } from './http/apiTokens';
import { metricsApp } from './http/metricsRoute';
import { RateLimiter } from './http/rateLimit';
import { Intake } from './intake/accept';
import { Metrics } from './metrics/metrics';
import { ReportAccess, resolveAppSecret } from './intake/reportAccess';
import { reporterVaultOf } from './privacy/reporterKey';
import type { Logger } from './log/logger';
import { DedupEngine } from './dedup/dedupEngine';
import { loadDedupConfig } from './dedup/dedupConfig';
import { IndonesianParser } from './parse/indonesianParser';
import { AgencyRouter } from './parse/routing/agencyRouter';
import { Queues } from './queue/queues';
import { producerConnection, workerConnection } from './redis/connection';
import { resolveRedis, type ResolvedRedis } from './redis/resolveRedis';
import { ReplyService } from './replies/replyService';
import type { Roles } from './roles';
import { openStore } from './store/openStore';
import type { Store } from './store/types';
import { TicketStatusService } from './tickets/statusChange';
import { TicketLookup } from './tickets/ticketLookup';
import { loadWorkingCalendar } from './tickets/workingCalendar';
import { startInboundWorker } from '../workers/inboundWorker';
import { startOutboundWorker } from '../workers/outboundWorker';
import { startMaintenance, type Maintenance } from '../workers/maintenance';

export interface Gateway {
  /** The HTTP port actually bound (PORT=0 picks a free one), or null without the api role. */
  port: number | null;
  redisUrl: string;
  store: Store;
  queues: Queues;
  ctx: ChannelContext;
  statuses: TicketStatusService;
  maintenance: Maintenance | null;
  stop(): Promise<void>;
}

async function waitReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not become ready within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function listen(app: Express, port: number, host: string, config: Config, closing: () => boolean): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    // Slow-body clients must not hold sockets for ever. Node looks for overdue requests only every
    // connectionsCheckingInterval (30 s by default), which would stretch a short timeout to 30 s.
    const s = createServer(
      {
        requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
        headersTimeout: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
        connectionsCheckingInterval: Math.min(1_000, config.HTTP_HEADERS_TIMEOUT_MS),
      },
      (req, res) => {
        // While shutting down, a client that keeps its keep-alive connection busy (a retrying
        // sender) would hold server.close() open until SHUTDOWN_TIMEOUT_MS: tell it to let go.
        if (closing()) res.setHeader('Connection', 'close');
        app(req, res);
      },
    );
    s.once('error', reject);
    s.listen(port, host, () => resolve(s));
  });
}

function boundPort(server: Server, configured: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : configured;
}

/** Composes the whole gateway, or the parts `roles` asks for, from configuration. */
export async function startGateway(config: Config, roles: Roles, channelList: readonly Channel[], log: Logger): Promise<Gateway> {
  const now = () => new Date();
  // Before anything starts: a token scoped to an unknown agency is a configuration error.
  if (roles.api && config.API_TOKENS.some((e) => e.scope !== '*')) checkTokenScopes(config.API_TOKENS, AgencyRouter.load());
  const redis: ResolvedRedis = await resolveRedis(config.REDIS_URL, config.DATA_DIR, log);
  const reporterVault = reporterVaultOf(config);
  const store = await openStore(config.STORE_URL, config.DATA_DIR, reporterVault);
  log.info({ store: store.kind }, 'store ready');

  const producer = producerConnection(redis.url);
  producer.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  await waitReady(producer, 10_000);

  const queues = new Queues(producer, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  const channels = new ChannelRegistry(channelList, config);
  const calendar = loadWorkingCalendar(config.HOLIDAYS);
  const metrics = new Metrics();
  const rateLimiter = new RateLimiter(producer, config.QUEUE_PREFIX);
  const replies = new ReplyService(store, queues, channels, metrics);
  const statuses = new TicketStatusService(store, replies, calendar);
  const appSecret = resolveAppSecret(config.APP_SECRET, config.DATA_DIR);
  const caseIds = new CaseIds(appSecret);
  const ctx: ChannelContext = {
    config,
    store,
    intake: new Intake(store, queues, log, metrics, { limiter: rateLimiter, perMinute: config.SENDER_FLOOD_PER_MINUTE }),
    log,
    rateLimiter,
    reportAccess: new ReportAccess(appSecret),
    reporterVault,
    lookup: new TicketLookup(store),
    redis: producer,
    redisUrl: redis.url,
    now,
    metrics,
  };

  const workers: Worker[] = [];
  const workerRedis: Redis[] = [];
  const settings = (concurrency: number) => ({
    prefix: config.QUEUE_PREFIX,
    concurrency,
    lockMs: config.JOB_LOCK_MS,
    outageDelayMs: config.JOB_BACKOFF_MS * 5,
  });
  const connection = () => {
    const c = workerConnection(redis.url);
    c.on('error', (error) => log.warn({ err: error }, 'redis worker connection error'));
    workerRedis.push(c);
    return c;
  };

  if (roles.inbound) {
    const dedup = new DedupEngine(producer, store, loadDedupConfig({ keyPrefix: `${config.QUEUE_PREFIX}:dedup` }), caseIds);
    workers.push(
      startInboundWorker(connection(), settings(config.INBOUND_CONCURRENCY), {
        store,
        parser: IndonesianParser.load({ budgetMs: config.PARSE_BUDGET_MS }),
        dedup,
        replies,
        calendar,
        vault: reporterVault,
        log,
        metrics,
        now,
      }),
    );
  }
  const outbound = roles.outbound === 'all' ? channels.names() : roles.outbound;
  for (const name of outbound) {
    // An operator's typo in `worker outbound <channel>` stops the start, not later sends.
    channels.get(name);
    workers.push(startOutboundWorker(name, connection(), settings(config.OUTBOUND_CONCURRENCY), { channels, ctx, now }));
  }

  let maintenance: Maintenance | null = null;
  if (roles.maintenance) {
    maintenance = startMaintenance({ store, queues, statuses, log, now }, {
      intervalMs: config.RECOVERY_INTERVAL_SECONDS * 1000,
      graceMs: config.RECOVERY_GRACE_SECONDS * 1000,
    });
    void maintenance.runOnce();
  }

  let server: Server | null = null;
  let port: number | null = null;
  let closing = false;
  if (roles.api) {
    const operatorConsole = createConsole({ config, store, statuses, replies, queues, channelNames: channels.names(), redis: producer, rateLimiter, calendar, vault: reporterVault, caseIds, log, now });
    server = await listen(createApp(ctx, channels, producer, queues, operatorConsole), config.PORT, config.HOST, config, () => closing);
    port = boundPort(server, config.PORT);
    for (const channel of channels.all()) await channel.start?.(ctx);
    log.info({ port, channels: channels.names() }, 'gateway listening');
  } else if (config.METRICS_PORT !== undefined) {
    server = await listen(metricsApp(metrics, queues, channels, log), config.METRICS_PORT, config.HOST, config, () => closing);
    log.info({ port: boundPort(server, config.METRICS_PORT) }, 'metrics listening');
  }
  if (workers.length > 0) log.info({ inbound: roles.inbound, outbound }, 'workers started');

  const stop = async () => {
    // Order matters: refuse new messages (503, SMPP temporary error) so their senders retry
    // elsewhere, finish the jobs in hand, then let go of sessions and connections.
    ctx.intake.drain();
    closing = true;
    if (server) {
      const s = server;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open until they time out.
      s.closeIdleConnections();
      await closed;
    }
    await maintenance?.stop();
    await Promise.all(workers.map((w) => w.close()));
    // After the workers: an outbound SMS worker needs its SMPP session until its last send.
    for (const channel of channels.all()) await channel.stop?.();
    await queues.close();
    await Promise.all(workerRedis.map((c) => c.quit().catch(() => undefined)));
    await producer.quit().catch(() => undefined);
    await store.close();
    await redis.privateServer?.stop();
  };

  return { port, redisUrl: redis.url, store, queues, ctx, statuses, maintenance, stop };
}
