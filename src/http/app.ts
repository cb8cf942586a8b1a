import express, { type Express, type Router } from 'express';
import type Redis from 'ioredis';
import type { Queues } from '../queue/queues';
import type { ChannelContext } from '../channels/channel';
import type { ChannelRegistry } from '../channels/registry';
import { jsonErrorHandler, notFoundJson } from './errors';
import { healthRoutes } from './health';
import { inboxApi } from './inboxApi';
import { integrationApi } from './integrationApi';
import { metricsRoute } from './metricsRoute';
import { buildOpenApi } from './openapi';

/** The HTTP face of the gateway: health, the integration API, and every channel's routes. */
export function createApp(ctx: ChannelContext, channels: ChannelRegistry, redis: Redis, queues: Queues, operatorConsole?: Router): Express {
  const app = express();
  app.disable('x-powered-by');
  if (ctx.config.TRUST_PROXY) app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    next();
  });
  // No body parser here: each route that takes a body parses it itself (src/http/bodyParsers.ts),
  // sized to it and after its rate limit, and signed webhooks read their raw bytes. A request to
  // any other path is answered without its body ever being read.

  app.use(healthRoutes(ctx.store, redis, channels));
  app.use(metricsRoute(ctx.metrics, queues, channels, ctx.log));
  const openapi = buildOpenApi(channels);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(integrationApi(ctx.store, ctx.config.API_TOKENS));
  app.use(inboxApi(ctx.store, queues, ctx.config.API_TOKENS));
  // The console sets its own security headers (helmet) over the defaults above.
  if (operatorConsole) app.use('/console', operatorConsole);
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
