import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { ApiTokenEntry } from '../../config/apiTokenEntries';
import { ConfigError } from '../../config/env';
import type { TicketScope } from '../console/access';
import type { AgencyDirectory } from '../console/agencies';
import { errorBody } from './errors';

/** The agency system a request came from: its name for logs, and whose tickets it may read. */
export interface ApiClient {
  name: string;
  scope: TicketScope;
}

interface TokenEntry extends ApiClient {
  digest: Buffer;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * Refuses to start with a token whose scope names an agency config/agencies.json does not know:
 * a typo would otherwise give an agency a token that silently reads nothing.
 */
export function checkTokenScopes(entries: readonly ApiTokenEntry[], agencies: Pick<AgencyDirectory, 'get'>): void {
  const problems = entries.flatMap((e) =>
    e.scope === '*' ? [] : e.scope.filter((id) => !agencies.get(id)).map((id) => `API_TOKENS: entry "${e.name}" names unknown agency ${id} (see config/agencies.json)`),
  );
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Bearer tokens of agency systems from API_TOKENS; the caller goes to res.locals.client (see apiClientOf). */
export function requireApiToken(entries: readonly ApiTokenEntry[]): RequestHandler {
  const tokens: TokenEntry[] = entries.map((e) => ({ name: e.name, scope: e.scope, digest: digest(e.token) }));
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
    const caller: ApiClient = { name: client.name, scope: client.scope };
    res.locals.client = caller;
    next();
  };
}

/** The client requireApiToken let through. */
export function apiClientOf(res: Response): ApiClient {
  return res.locals.client as ApiClient;
}

/** Only the national office's token (scope `*`) passes: parked messages are not any one agency's. */
export const requireNationalScope: RequestHandler = (_req, res, next) => {
  if (apiClientOf(res).scope === '*') return next();
  res.status(403).json(errorBody(403, 'this needs a token with scope * (the national office)'));
};
