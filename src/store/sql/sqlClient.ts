import { StoreUnavailableError } from '../types';

/**
 * The little SQL surface SqlStore needs, so one store runs on PGlite (embedded) and on a
 * PostgreSQL server alike. Rows come back already parsed: timestamptz as Date, jsonb as values.
 */
export interface SqlClient {
  /** One statement; parameters are $1, $2, … */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs fn inside BEGIN … COMMIT (ROLLBACK when it throws). Calling transaction() on the client
   * handed to fn joins the running transaction rather than nesting.
   */
  transaction<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Node socket errors that mean "no server there" or "the connection went away".
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// Messages pg and PGlite use for a dead or closed connection; they carry no code.
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
  /pglite is closed/i,
  // SQLSTATE 55000 is too general to list by code; on connect it means the database is closed to us.
  /is not currently accepting connections/i,
];

/**
 * True for errors that say the database cannot be reached (answer 503, retry later), false for
 * errors the database raised about the statement itself (constraints, syntax, conflicts).
 */
export function isUnavailableError(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  // Duck-typed, not instanceof Error: socket errors are made by Node's own realm, which differs
  // from the caller's under jest (and any vm context).
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, cause, errors } = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // SQLSTATE 08xxx connection exception; 57P01-57P03 server shutting down / not accepting; 53300 too many connections.
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  }
  // Connect failures to a host with several addresses arrive as an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => e !== err && isUnavailableError(e))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  return cause !== undefined && cause !== err && isUnavailableError(cause);
}

/** Rethrows err as StoreUnavailableError when it is a connection problem, as itself otherwise. */
export function translateError(err: unknown): never {
  if (err instanceof StoreUnavailableError || !isUnavailableError(err)) throw err;
  throw new StoreUnavailableError(err);
}
