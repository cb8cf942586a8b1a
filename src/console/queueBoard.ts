import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response, Router } from 'express';
import helmet from 'helmet';
import { HttpError } from '../http/errors';
import type { Queues } from '../queue/queues';

export const QUEUES_PATH = '/console/queues';

/**
 * bull-board's page loads its own scripts and styles from under QUEUES_PATH and uses inline
 * styles and a <base href>, so this path alone allows 'unsafe-inline' styles and base-uri
 * 'self'; scripts stay 'self' only. Its Google Fonts link is blocked (no external assets): the
 * page falls back to system fonts.
 */
export const boardSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * bull-board's own API calls (retry, clean, pause) are JSON requests from its page without our
 * form token. The session cookie is SameSite=Strict, so no other site's request carries it; this
 * also refuses any changing request the browser marks as coming from elsewhere.
 */
export function sameOriginWrites(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return next(new HttpError(403, 'cross-site request refused'));
  next();
}

/** bull-board over the inbound queue and every channel's outbound queue. */
export function queueBoard(queues: Queues, channelNames: readonly string[]): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queues.inbound), ...channelNames.map((c) => new BullMQAdapter(queues.outboundFor(c)))],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'LAPOR! queues' } },
  });
  return adapter.getRouter() as Router;
}
