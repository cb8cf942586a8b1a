/**
 * API_TOKENS entries: `name:token:scope`. The scope says whose tickets the token reads: `*` for the
 * national office (every ticket), otherwise one agency id or several joined by `+`, read as a
 * liaison of each of them would read the console. Whether the agency ids exist is checked against
 * config/agencies.json when the API starts (src/http/apiTokens.ts).
 */
export type TokenScope = '*' | readonly string[];

export interface ApiTokenEntry {
  /** What logs and error messages show; the token itself never appears in either. */
  name: string;
  token: string;
  scope: TokenScope;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const TOKEN = /^[^\s:]{16,}$/;
const AGENCY_ID = /^[a-z0-9][a-z0-9.-]*$/;

/** How a problem names an entry: by its name when it has a recognisable one, else by position, never by its token. */
export function entryLabel(entry: string, position: number): string {
  const colon = entry.indexOf(':');
  const name = colon > 0 ? entry.slice(0, colon) : '';
  return NAME.test(name) ? `entry "${name}"` : `entry ${position}`;
}

/** One entry, or the problem with it. */
export function parseApiTokenEntry(entry: string, position: number): ApiTokenEntry | { problem: string } {
  const label = entryLabel(entry, position);
  const parts = entry.split(':');
  const [name = '', token = '', scope = ''] = parts;
  if (parts.length !== 3 || !NAME.test(name)) {
    return { problem: `${label} must be name:token:scope, scope being an agency id (several joined by +) or * for the national office` };
  }
  if (!TOKEN.test(token)) return { problem: `${label} needs a token of 16 or more characters without spaces` };
  if (scope === '*') return { name, token, scope: '*' };
  const agencies = scope.split('+');
  if (!agencies.every((a) => AGENCY_ID.test(a))) return { problem: `${label} has a scope that is neither * nor agency ids joined by + (e.g. pemkot-32.73)` };
  return { name, token, scope: agencies };
}
