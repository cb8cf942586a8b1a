import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http/errors';
import { canEnter, type Area } from './access';
import { signedOf } from './request';

/** A 403 the error page explains as an expired or forged form. */
export class CsrfError extends HttpError {
  constructor() {
    super(403, 'missing or wrong CSRF token');
    this.name = 'CsrfError';
  }
}

export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Pages need a login: a GET goes to the login page (and comes back after), anything else is refused. */
export function requireSignedIn(req: Request, res: Response, next: NextFunction): void {
  if (signedOf(res)) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    return res.redirect(303, `/console/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
  next(new HttpError(403, 'not signed in'));
}

/** Every state-changing request carries the session's token in the form field `_csrf`. */
export function requireCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const signed = signedOf(res);
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (!signed || !sameToken(given, signed.session.csrf)) return next(new CsrfError());
  next();
}

export function requireArea(area: Area): RequestHandler {
  return (_req, res, next) => {
    const signed = signedOf(res);
    if (!signed || !canEnter(signed.user.role, area)) return next(new HttpError(403, `no access to ${area}`));
    next();
  };
}
