import express, { type Express } from 'express';
import type Redis from 'ioredis';
import type { Queues } from '../queue/queues';
import type { ChannelContext } from '../channels/channel';
import type { ChannelRegistry } from '../channels/registry';
import { jsonErrorHandler, notFoundJson } from './errors';
import { healthRoutes } from './health';
import { inboxApi } from './inboxApi';
import { integrationApi } from './integrationApi';
import { buildOpenApi } from './openapi';

export const BODY_LIMIT = '1mb';

/** The HTTP face of the gateway: health, the integration API, and every channel's routes. */
export function createApp(ctx: ChannelContext, channels: ChannelRegistry, redis: Redis, queues: Queues): Express {
  const app = express();
  app.disable('x-powered-by');
  if (ctx.config.TRUST_PROXY) app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));
  app.use(express.urlencoded({ limit: BODY_LIMIT, extended: false, parameterLimit: 100 }));

  app.use(healthRoutes(ctx.store, redis, channels));
  const openapi = buildOpenApi(channels);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(integrationApi(ctx.store, ctx.config.API_TOKENS));
  app.use(inboxApi(ctx.store, queues, ctx.config.API_TOKENS));
  for (const channel of channels.all()) {
    const router = channel.routes?.(ctx);
    if (router) app.use(router);
  }
  app.use(notFoundJson);
  for (const channel of channels.all()) {
    const handler = channel.errorHandler?.(ctx);
    if (handler) app.use(handler);
  }
  app.use(jsonErrorHandler(ctx.log));
  return app;
}
