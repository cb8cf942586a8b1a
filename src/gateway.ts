import type { Server } from 'node:http';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Config } from '../config/env';
import type { Channel, ChannelContext } from './channels/channel';
import { ChannelRegistry } from './channels/registry';
import { createApp } from './http/app';
import { RateLimiter } from './http/rateLimit';
import { Intake } from './intake/accept';
import { ReportAccess, resolveAppSecret } from './intake/reportAccess';
import type { Logger } from './log/logger';
import { SimpleParser } from './parse/simpleParser';
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

/** Composes the whole gateway, or the parts `roles` asks for, from configuration. */
export async function startGateway(config: Config, roles: Roles, channelList: readonly Channel[], log: Logger): Promise<Gateway> {
  const now = () => new Date();
  const redis: ResolvedRedis = await resolveRedis(config.REDIS_URL, config.DATA_DIR, log);
  const store = await openStore(config.STORE_URL, config.DATA_DIR);
  log.info({ store: store.kind }, 'store ready');

  const producer = producerConnection(redis.url);
  producer.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  await waitReady(producer, 10_000);

  const queues = new Queues(producer, { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  const channels = new ChannelRegistry(channelList, config);
  const calendar = loadWorkingCalendar(config.HOLIDAYS);
  const replies = new ReplyService(store, queues, channels);
  const statuses = new TicketStatusService(store, replies, calendar);
  const ctx: ChannelContext = {
    config,
    store,
    intake: new Intake(store, queues, log),
    log,
    rateLimiter: new RateLimiter(producer, config.QUEUE_PREFIX),
    reportAccess: new ReportAccess(resolveAppSecret(config.APP_SECRET, config.DATA_DIR)),
    lookup: new TicketLookup(store),
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
    workers.push(startInboundWorker(connection(), settings(config.INBOUND_CONCURRENCY), { store, parser: new SimpleParser(), replies, calendar, log, now }));
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
  if (roles.api) {
    const app = createApp(ctx, channels, producer, queues);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once('error', reject);
    });
    // Slow-body clients must not hold sockets for ever.
    server.requestTimeout = 30_000;
    server.headersTimeout = 15_000;
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.PORT;
    for (const channel of channels.all()) await channel.start?.(ctx);
    log.info({ port, channels: channels.names() }, 'gateway listening');
  }
  if (workers.length > 0) log.info({ inbound: roles.inbound, outbound }, 'workers started');

  const stop = async () => {
    // Order matters: stop taking messages, finish the jobs in hand, then close what they used.
    if (server) {
      const s = server;
      await new Promise<void>((resolve) => s.close(() => resolve()));
      for (const channel of channels.all()) await channel.stop?.();
    }
    await maintenance?.stop();
    await Promise.all(workers.map((w) => w.close()));
    await queues.close();
    await Promise.all(workerRedis.map((c) => c.quit().catch(() => undefined)));
    await producer.quit().catch(() => undefined);
    await store.close();
    await redis.privateServer?.stop();
  };

  return { port, redisUrl: redis.url, store, queues, ctx, statuses, maintenance, stop };
}
