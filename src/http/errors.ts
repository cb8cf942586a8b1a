import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { ExternalIdConflictError, IntakeUnavailableError } from '../intake/accept';
import type { Logger } from '../log/logger';
import { StoreUnavailableError } from '../store/types';

/** An error with an HTTP status and a reason the client can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: string;
  message: string;
  fields?: { path: string; message: string }[];
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  428: 'precondition_required',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'unavailable',
};

export function errorBody(status: number, message: string, fields?: ErrorBody['fields']): ErrorBody {
  return { error: CODES[status] ?? 'error', message, ...(fields ? { fields } : {}) };
}

export function zodFields(error: ZodError): NonNullable<ErrorBody['fields']> {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/** Maps every failure to a status and a reason; internal details are logged, never sent. */
export function classify(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) return { status: error.status, body: errorBody(error.status, error.message) };
  if (error instanceof ZodError) {
    return { status: 422, body: errorBody(422, 'the request does not match the schema', zodFields(error)) };
  }
  if (error instanceof ExternalIdConflictError) return { status: 409, body: errorBody(409, error.message) };
  if (error instanceof IntakeUnavailableError || error instanceof StoreUnavailableError) {
    return { status: 503, body: errorBody(503, 'temporarily unable to accept reports; retry later') };
  }
  const e = error as { type?: string; status?: number; statusCode?: number };
  // body-parser's errors carry a type and a status.
  if (e?.type === 'entity.parse.failed') return { status: 400, body: errorBody(400, 'malformed JSON body') };
  if (e?.type === 'entity.too.large') return { status: 413, body: errorBody(413, `body larger than ${tooLargeLimit(error)} KB`) };
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return { status: 415, body: errorBody(415, 'unsupported body encoding') };
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: errorBody(status, 'request refused') };
  }
  return { status: 500, body: errorBody(500, 'internal error') };
}

/** body-parser names the limit it refused a body over, in bytes. */
function tooLargeLimit(error: unknown): number {
  const limit = (error as { limit?: unknown }).limit;
  return typeof limit === 'number' ? Math.round(limit / 1024) : 0;
}

export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, body } = classify(error);
    // A 503 is an outage or a shutdown already logged where it began; one error with a stack per
    // refused request would bury that under thousands of lines.
    if (status === 503) log.warn({ method: req.method, path: req.path, reason: error instanceof Error ? error.message : String(error) }, 'request refused: temporarily unavailable');
    else if (status >= 500) log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json(body);
  };
}

export const notFoundJson: RequestHandler = (req, res) => {
  res.status(404).json(errorBody(404, `no route for ${req.method} ${req.path}`));
};
