import express, { type RequestHandler } from 'express';
import { HttpError } from './errors';
import { jsonNestingExceeds } from './jsonNesting';

/** An app report is at most 5,000 characters of text plus a few short fields: 64 KB holds it escaped. */
export const REPORT_BODY_LIMIT = '64kb';
/** A web or console form (5,000 characters of text, percent-encoded up to 9 bytes each, plus fields). */
export const FORM_BODY_LIMIT = '100kb';
/** No body we take nests deeper than a few levels; JSON.parse's work on deeper ones is all the attacker's. */
export const JSON_MAX_DEPTH = 32;

/**
 * JSON for the one route that takes it, sized to that route. Mounted on the route itself, after
 * its rate limit, so no other path ever parses a body. The nesting is counted on the raw bytes in
 * one linear pass before JSON.parse sees them: a megabyte of "[[[[" costs JSON.parse over 100 ms.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify: (_req, _res, raw) => {
      if (jsonNestingExceeds(raw, JSON_MAX_DEPTH)) throw new HttpError(400, `JSON nested deeper than ${JSON_MAX_DEPTH} levels`);
    },
  });
}

/** URL-encoded forms: flat (no `a[b]` objects), at most 100 fields. */
export const formBody: RequestHandler = express.urlencoded({ limit: FORM_BODY_LIMIT, extended: false, parameterLimit: 100 });
