import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { errorBody } from './errors';

interface TokenEntry {
  name: string;
  digest: Buffer;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

/** Bearer tokens of agency systems from API_TOKENS (`name:token`); the name goes to res.locals.client. */
export function requireApiToken(entries: string[]): RequestHandler {
  const tokens: TokenEntry[] = entries.map((entry) => {
    const colon = entry.indexOf(':');
    return { name: entry.slice(0, colon), digest: digest(entry.slice(colon + 1)) };
  });
  return (req, res, next) => {
    const token = bearerToken(req);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    const given = token ? digest(token) : null;
    const client = given ? tokens.find((t) => timingSafeEqual(t.digest, given)) : undefined;
    if (!client) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lapor-integration"');
      res.status(401).json(errorBody(401, 'a valid bearer token from API_TOKENS is required'));
      return;
    }
    res.locals.client = client.name;
    next();
  };
}
