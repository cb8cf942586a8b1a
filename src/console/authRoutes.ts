import { createHash, randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { clientAddress, type RateLimiter } from '../http/rateLimit';
import type { Logger } from '../log/logger';
import type { Store } from '../store/types';
import { homeOf } from './access';
import { clearCookie, LANG_COOKIE, LOGIN_CSRF_COOKIE, readCookies, SESSION_COOKIE, setCookie } from './cookies';
import { LoginForm } from './forms';
import { CsrfError, requireCsrf, requireSignedIn, sameToken } from './guards';
import { verifyDecoy, verifyPassword } from './password';
import { safeNext, sendPage, signedOf, viewOf } from './request';
import { accountStamp, type SessionStore } from './sessions';
import { renderLogin } from './views/authViews';

export interface AuthDeps {
  store: Store;
  sessions: SessionStore;
  rateLimiter: RateLimiter;
  /** Attempts per minute from one address, any email. */
  perMinuteIp: number;
  /** Attempts per minute on one email from one address. */
  perMinuteEmail: number;
  /** Attempts per minute on one email from every address together before each further one is slowed. */
  slowAfterPerMinute: number;
  secure: boolean;
  log: Logger;
  now: () => Date;
}

/**
 * Finds the session named by the cookie and its operator. A session ends at once when its
 * operator is disabled, or when the account changed since login (a new password, a disable and
 * enable): whoever held the old password or a stolen cookie is out.
 */
export function loadSession(deps: AuthDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const id = readCookies(req).get(SESSION_COOKIE);
    if (!id) return next();
    const session = await deps.sessions.touch(id, deps.now());
    const user = session ? await deps.store.users.get(session.userId) : null;
    if (session && user && !user.disabled && session.accountStamp === accountStamp(user)) {
      res.locals.signed = { user, session };
    } else {
      if (session) await deps.sessions.destroy(session.id);
      clearCookie(res, SESSION_COOKIE, deps.secure);
    }
    next();
  };
}

function loginToken(res: Response, secure: boolean): string {
  const token = randomBytes(24).toString('base64url');
  setCookie(res, LOGIN_CSRF_COOKIE, token, { secure });
  return token;
}

// Redis keys name the email by hash: the limiter's keys are not a list of operators' addresses.
function emailBucket(email: string): string {
  return createHash('sha256').update(email).digest('hex').slice(0, 24);
}

/** How long each attempt on an email under attack from many addresses waits. */
export const LOGIN_SLOWDOWN_MS = 1_000;

/** Login, logout and the language switch. */
export function authRoutes(deps: AuthDeps): Router {
  const router = Router();

  router.get('/lang', (req, res) => {
    const lang = req.query.to === 'en' ? 'en' : 'id';
    setCookie(res, LANG_COOKIE, lang, { secure: deps.secure, maxAge: 365 * 24 * 3600 });
    res.redirect(303, safeNext(req.query.next) ?? '/console');
  });

  router.get('/login', (req, res) => {
    const signed = signedOf(res);
    const next = safeNext(req.query.next);
    if (signed) return res.redirect(303, next ?? homeOf(signed.user.role));
    const view = viewOf(req, res);
    const flash = req.query.bye === '1' ? view.t.login.loggedOut : next ? view.t.login.expired : null;
    sendPage(res, 200, renderLogin(view, { token: loginToken(res, deps.secure), next, flash }));
  });

  router.post('/login', async (req, res) => {
    const view = viewOf(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // No session yet: the form's token must match the cookie set with the form (double submit).
    const expected = readCookies(req).get(LOGIN_CSRF_COOKIE);
    if (!expected || !sameToken(body._csrf, expected)) throw new CsrfError();
    const parsed = LoginForm.safeParse(body);
    const next = safeNext(body.next);
    const again = (status: number, error: string, email?: string) =>
      sendPage(res, status, renderLogin(view, { token: loginToken(res, deps.secure), next, error, ...(email !== undefined ? { email } : {}) }));
    if (!parsed.success) return again(422, view.t.login.bad);
    const { email, password } = parsed.data;

    // Limits are per address, and per email *from that address*: a guesser elsewhere cannot lock
    // the owner out. Guesses on one email from many addresses only slow every attempt on it down.
    const address = clientAddress(req);
    const byIp = await deps.rateLimiter.hit('console-login-ip', address, deps.perMinuteIp);
    const byEmail = await deps.rateLimiter.hit('console-login-email', `${emailBucket(email)}:${address}`, deps.perMinuteEmail);
    if (!byIp.allowed || !byEmail.allowed) {
      const wait = Math.max(byIp.allowed ? 0 : byIp.retryAfter, byEmail.allowed ? 0 : byEmail.retryAfter);
      res.setHeader('Retry-After', String(wait));
      deps.log.warn({ limited: !byIp.allowed ? 'address' : 'email' }, 'console login rate-limited');
      return again(429, view.t.login.tooMany(wait), email);
    }
    const anywhere = await deps.rateLimiter.hit('console-login-email-any', emailBucket(email), deps.slowAfterPerMinute);
    if (!anywhere.allowed) {
      deps.log.warn('console login slowed: one email tried from many addresses');
      await new Promise((resolve) => setTimeout(resolve, LOGIN_SLOWDOWN_MS));
    }

    const user = await deps.store.users.getByEmail(email);
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await verifyDecoy(password), false);
    if (!user || !ok) {
      deps.log.info({ known: Boolean(user) }, 'console login refused');
      return again(401, view.t.login.bad, email);
    }
    const session = await deps.sessions.create(user, deps.now());
    setCookie(res, SESSION_COOKIE, session.id, { secure: deps.secure });
    clearCookie(res, LOGIN_CSRF_COOKIE, deps.secure);
    await deps.store.audit.record({ actor: `operator:${user.email}`, action: 'user.login', target: `user:${user.id}`, before: null, after: null, at: deps.now() });
    res.redirect(303, next ?? homeOf(user.role));
  });

  router.post('/logout', requireSignedIn, requireCsrf, async (_req, res) => {
    const signed = signedOf(res);
    if (signed) await deps.sessions.destroy(signed.session.id);
    clearCookie(res, SESSION_COOKIE, deps.secure);
    res.redirect(303, '/console/login?bye=1');
  });

  return router;
}
