import type { Request, Response } from 'express';

/** Cookie names the console sets; all scoped to /console. */
export const SESSION_COOKIE = 'lapor_console';
export const LOGIN_CSRF_COOKIE = 'lapor_console_login';
export const LANG_COOKIE = 'lapor_console_lang';

const PATH = '/console';

/** Cookies of the request; values are percent-decoded, malformed ones skipped. */
export function readCookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      if (!out.has(name)) out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A cookie we did not write (bad percent-encoding): ignore it rather than fail the page.
    }
  }
  return out;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; omitted = until the browser closes. 0 deletes the cookie. */
  maxAge?: number;
}

/** httpOnly and SameSite=Strict always: no script reads them and no other site sends them. */
export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${PATH}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  setCookie(res, name, '', { secure, maxAge: 0 });
}
