/**
 * Graph API failures, classified once so the receiver and the sender act alike:
 * - `token`: the access token expired or was revoked (code 190): the channel is unhealthy until fixed;
 * - `rate_limit`: app, user or business-use-case throttling (codes 4, 17, 32, 613): retry later;
 * - `outside_window`: a message or private reply outside its allowed window (code 10, subcode 2018278);
 * - `transient`: 5xx, network failures, or errors Meta flags `is_transient`: retry;
 * - `permanent`: any other 4xx (deleted comment, unknown recipient, bad parameter): do not retry.
 */
export type GraphErrorClass = 'token' | 'rate_limit' | 'outside_window' | 'transient' | 'permanent';

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const OUTSIDE_WINDOW = { code: 10, subcode: 2018278 };

export class GraphApiError extends Error {
  readonly kind: GraphErrorClass;

  constructor(
    readonly status: number,
    readonly code: number | null,
    readonly subcode: number | null,
    message: string,
    isTransient: boolean,
    /** From Meta's usage headers when throttled, otherwise null. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`Graph API ${status}${code === null ? '' : ` code ${code}`}${subcode === null ? '' : `/${subcode}`}: ${message}`);
    this.name = 'GraphApiError';
    this.kind = classify(status, code, subcode, isTransient);
  }
}

function classify(status: number, code: number | null, subcode: number | null, isTransient: boolean): GraphErrorClass {
  if (code === 190) return 'token';
  if (code !== null && RATE_LIMIT_CODES.has(code)) return 'rate_limit';
  if (code === OUTSIDE_WINDOW.code && subcode === OUTSIDE_WINDOW.subcode) return 'outside_window';
  if (status >= 500 || status === 429 || isTransient) return 'transient';
  return 'permanent';
}

/** The Graph API could not be reached or did not answer in time: always worth retrying. */
export class GraphUnreachableError extends Error {
  readonly kind = 'transient' as const;

  constructor(cause: unknown) {
    super(`Graph API unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'GraphUnreachableError';
  }
}

export function graphErrorKind(error: unknown): GraphErrorClass | null {
  if (error instanceof GraphApiError || error instanceof GraphUnreachableError) return error.kind;
  return null;
}
