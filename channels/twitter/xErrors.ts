import { ApiResponseError } from 'twitter-api-v2';

export type XFailure =
  | { kind: 'rate_limited'; resetSeconds: number | undefined }
  | { kind: 'duplicate' }
  | { kind: 'auth'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'temporary'; reason: string };

// v2 problem types and v1.1 codes that mean our credentials or the app's access are wrong, not the request.
const AUTH_PROBLEMS = /client-not-enrolled|oauth1-permissions|unsupported-authentication|not-authorized-for-resource/;
const AUTH_CODES = [32, 64, 89, 99, 135, 215, 326];

function detailOf(error: ApiResponseError): string {
  const data = error.data as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] } | undefined;
  const parts = [data?.title, data?.detail, ...(data?.errors ?? []).map((e) => e.message)];
  return parts.filter((p): p is string => typeof p === 'string').join(': ').slice(0, 300) || `HTTP ${error.code}`;
}

/** One classification of every X failure; the sender and the poller act on the kind. */
export function classifyXError(error: unknown): XFailure {
  if (!(error instanceof ApiResponseError)) {
    // ApiRequestError (connection refused, TLS, timeout) and anything unexpected: try again later.
    return { kind: 'temporary', reason: error instanceof Error ? error.message : String(error) };
  }
  const detail = detailOf(error);
  const type = String((error.data as { type?: unknown } | undefined)?.type ?? '');
  if (error.code === 429 || error.rateLimitError) return { kind: 'rate_limited', resetSeconds: error.rateLimit?.reset };
  if (error.code === 403 && (/duplicate content/i.test(detail) || error.hasErrorCode(187))) return { kind: 'duplicate' };
  if (error.code === 401 || AUTH_PROBLEMS.test(type) || error.hasErrorCode(...AUTH_CODES)) {
    return { kind: 'auth', reason: `HTTP ${error.code} ${detail}` };
  }
  if (error.code >= 500) return { kind: 'temporary', reason: `HTTP ${error.code} ${detail}` };
  return { kind: 'refused', reason: `HTTP ${error.code} ${detail}` };
}
