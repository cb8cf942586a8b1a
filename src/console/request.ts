import type { Request, Response } from 'express';
import { HttpError } from '../http/errors';
import type { User } from '../store/types';
import { LANG_COOKIE, readCookies } from './cookies';
import type { View } from './layout';
import type { Session } from './sessions';
import { textsFor, type Lang } from './texts';

/** What the session middleware found: stored on res.locals for the handlers after it. */
export interface Signed {
  user: User;
  session: Session;
}

export function langOf(req: Request): Lang {
  return readCookies(req).get(LANG_COOKIE) === 'en' ? 'en' : 'id';
}

export function signedOf(res: Response): Signed | null {
  return (res.locals.signed as Signed | undefined) ?? null;
}

/** The signed-in operator; routes behind requireSignedIn only. */
export function operatorOf(res: Response): Signed {
  const signed = signedOf(res);
  if (!signed) throw new HttpError(403, 'not signed in');
  return signed;
}

export function viewOf(req: Request, res: Response): View {
  const lang = langOf(req);
  const signed = signedOf(res);
  return { lang, t: textsFor(lang), user: signed?.user ?? null, csrf: signed?.session.csrf ?? null, here: req.originalUrl };
}

const SAFE_NEXT = /^\/console(?:[/?#][^\s\\]*)?$/;

/** Where to go after login or a language switch: only ever a console path on this site. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && SAFE_NEXT.test(next) && !next.includes('//') ? next : null;
}

/** Sends a rendered page with the status and no caching (pages hold personal data). */
export function sendPage(res: Response, status: number, body: string): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.type('html').send(body);
}
