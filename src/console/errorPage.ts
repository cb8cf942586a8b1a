import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { classify } from '../http/errors';
import type { Logger } from '../log/logger';
import { InvalidTransitionError, ReasonRequiredError, TicketNotFoundError } from '../tickets/statusChange';
import { CsrfError } from './guards';
import { sendPage, viewOf } from './request';
import { ReviewClosedError } from './reviewActions';
import { fieldErrors, InvalidInputError } from './validation';
import { renderError } from './views/authViews';

function statusOf(error: unknown): number {
  if (error instanceof TicketNotFoundError) return 404;
  if (error instanceof ReviewClosedError || error instanceof InvalidTransitionError) return 409;
  if (error instanceof InvalidInputError || error instanceof ReasonRequiredError) return 422;
  return classify(error).status;
}

/** Failures under /console are pages in the operator's language, never JSON or a stack trace. */
export function consoleErrorPage(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = statusOf(error);
    if (status >= 500) log.error({ err: error, path: req.path }, 'console request failed');
    const view = viewOf(req, res);
    const message = error instanceof CsrfError ? view.t.errors.csrf : (view.t.errors[status] ?? view.t.errors[500] ?? '');
    const details = error instanceof ZodError ? fieldErrors(error) : error instanceof InvalidInputError ? [error.message] : [];
    if (status === 503) res.setHeader('Retry-After', '30');
    sendPage(res, status, renderError(view, message, details));
  };
}
