import { Router } from 'express';
import helmet from 'helmet';
import type Redis from 'ioredis';
import type { Config } from '../../config/env';
import type { CaseIds } from '../dedup/caseIds';
import { formBody } from '../http/bodyParsers';
import { HttpError } from '../http/errors';
import type { RateLimiter } from '../http/rateLimit';
import type { Logger } from '../log/logger';
import type { Queues } from '../queue/queues';
import type { ReplyService } from '../replies/replyService';
import type { Store } from '../store/types';
import type { TicketStatusService } from '../tickets/statusChange';
import type { WorkingCalendar } from '../tickets/workingCalendar';
import { homeOf } from './access';
import type { AgencyDirectory } from './agencies';
import { authRoutes, loadSession, type AuthDeps } from './authRoutes';
import { consoleConfig } from './consoleConfig';
import { CONSOLE_SCRIPT } from './consoleScript';
import { CONSOLE_STYLES } from './consoleStyles';
import { dashboardRoutes } from './dashboardRoutes';
import { consoleErrorPage } from './errorPage';
import { requireArea, requireCsrf, requireSignedIn } from './guards';
import { boardSecurityHeaders, queueBoard, sameOriginWrites } from './queueBoard';
import { operatorOf } from './request';
import { ReviewActions } from './reviewActions';
import { reviewRoutes } from './reviewRoutes';
import type { ConsoleServices } from './services';
import type { ReporterVault } from '../privacy/reporterVault';
import { ReporterReveal } from './reporterReveal';
import { SessionStore } from './sessions';
import { ticketRoutes } from './ticketRoutes';
import { userRoutes } from './userRoutes';

export interface ConsoleDeps {
  config: Config;
  store: Store;
  statuses: TicketStatusService;
  replies: ReplyService;
  queues: Queues;
  channelNames: readonly string[];
  /** The gateway's command connection: sessions live here under QUEUE_PREFIX. */
  redis: Redis;
  rateLimiter: RateLimiter;
  calendar: WorkingCalendar;
  agencies: AgencyDirectory;
  categories: ConsoleServices['categories'];
  /** Opens rahasia reporters' identities for the roles that may see them. */
  vault: ReporterVault;
  caseIds: CaseIds;
  log: Logger;
  now: () => Date;
}

// Only our own stylesheet and script; inline SVG charts use presentation attributes, not styles.
const consoleSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
});

/** The operator console, mounted by the app at /console. */
export function consoleRouter(deps: ConsoleDeps): Router {
  const settings = consoleConfig(deps.config.env);
  const secure = deps.config.NODE_ENV === 'production';
  const sessions = new SessionStore(deps.redis, deps.config.QUEUE_PREFIX, {
    idleMs: settings.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    maxMs: settings.CONSOLE_SESSION_MAX_HOURS * 3_600_000,
  });
  const auth: AuthDeps = {
    store: deps.store,
    sessions,
    rateLimiter: deps.rateLimiter,
    perMinuteIp: settings.CONSOLE_LOGIN_PER_MINUTE_IP,
    perMinuteEmail: settings.CONSOLE_LOGIN_PER_MINUTE_EMAIL,
    slowAfterPerMinute: settings.CONSOLE_LOGIN_SLOW_AFTER_PER_MINUTE,
    secure,
    log: deps.log,
    now: deps.now,
  };
  const services: ConsoleServices = {
    store: deps.store,
    statuses: deps.statuses,
    actions: new ReviewActions(deps.store, deps.statuses, deps.replies, deps.now, deps.caseIds),
    reveal: new ReporterReveal(deps.vault, deps.store.audit, deps.log, deps.now),
    agencies: deps.agencies,
    categories: deps.categories,
    channelNames: deps.channelNames,
    calendar: deps.calendar,
    log: deps.log,
    now: deps.now,
  };

  const router = Router();
  router.get('/assets/console.css', consoleSecurityHeaders, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css').send(CONSOLE_STYLES);
  });
  router.get('/assets/console.js', consoleSecurityHeaders, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/javascript').send(CONSOLE_SCRIPT);
  });
  router.use(loadSession(auth));
  router.use('/queues', requireSignedIn, requireArea('queues'), sameOriginWrites, boardSecurityHeaders, queueBoard(deps.queues, deps.channelNames));
  router.use(consoleSecurityHeaders);
  // Forms only, below the queue board (which reads its own JSON): the login and every signed-in
  // action read their fields and CSRF token from a urlencoded body.
  router.use(formBody);
  router.use(authRoutes(auth));
  router.use(requireSignedIn, requireCsrf);
  router.get('/', (_req, res) => res.redirect(303, homeOf(operatorOf(res).user.role)));
  router.use(reviewRoutes(services));
  router.use(ticketRoutes(services));
  router.use(dashboardRoutes(services));
  router.use(userRoutes(services));
  router.use((_req, _res, next) => next(new HttpError(404, 'no such console page')));
  router.use(consoleErrorPage(deps.log));
  return router;
}
