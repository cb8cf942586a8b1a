import { Router, type RequestHandler } from 'express';
import { bearerToken } from '../../src/http/apiTokens';
import type { ChannelContext } from '../../src/channels/channel';
import { jsonBody, REPORT_BODY_LIMIT } from '../../src/http/bodyParsers';
import { errorBody, HttpError } from '../../src/http/errors';
import { clientAddress } from '../../src/http/rateLimit';
import { STATUS_LABELS } from '../../src/tickets/status';
import { parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { IdempotencyKey, ReportRequest } from './schema';

export const MOBILE_CHANNEL = 'mobile';

const reportBody = jsonBody(REPORT_BODY_LIMIT);

/** The app's API: file a report (idempotent on Idempotency-Key), then follow it with its access token. */
export function mobileRoutes(ctx: ChannelContext): Router {
  const router = Router();

  // The rate limit comes before the body is read: a refused client costs no parsing.
  const rateLimited: RequestHandler = async (req, res, next) => {
    const limit = await ctx.rateLimiter.hit('api', clientAddress(req), ctx.config.API_RATE_LIMIT_PER_MINUTE);
    if (limit.allowed) return next();
    res.setHeader('Retry-After', String(limit.retryAfter));
    res.status(429).json(errorBody(429, 'too many reports from this address; retry later'));
  };
  const json: RequestHandler = (req, res, next) => {
    if (!req.is('application/json')) return next(new HttpError(415, 'send the report as application/json'));
    reportBody(req, res, next);
  };

  router.post('/api/v1/reports', rateLimited, json, async (req, res) => {
    const rawKey = req.get('idempotency-key');
    if (rawKey === undefined) throw new HttpError(428, 'the Idempotency-Key header is required (a UUID per report, reused on retries)');
    const key = IdempotencyKey.safeParse(rawKey);
    if (!key.success) throw new HttpError(400, key.error.issues[0]?.message ?? 'bad Idempotency-Key');
    const body = ReportRequest.parse(req.body);

    const reporter = body.reporter ?? {};
    const accepted = await ctx.intake.accept({
      channel: MOBILE_CHANNEL,
      externalId: key.data,
      // Replies to app reports are shown in the app, so the sender is the report itself. The phone and
      // email are typed in, not verified: contact details for operators, never an identity.
      sender: { id: `app:${key.data}`, ...reporter },
      text: body.text,
      attachments: body.attachments,
      receivedAt: new Date(),
      raw: req.body,
      fields: {
        title: body.title,
        location: body.location,
        category: body.category,
        occurredAt: body.occurredAt,
        privacy: body.privacy,
        language: body.language,
      },
    });
    if (accepted.redelivered) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).json({
      trackingId: accepted.trackingId,
      accessToken: ctx.reportAccess.tokenFor(accepted.trackingId),
      status: 'belum_terverifikasi',
      receivedAt: accepted.record.receivedAt.toISOString(),
      statusUrl: `/api/v1/reports/${accepted.trackingId}`,
    });
  });

  router.get('/api/v1/reports/:trackingId', async (req, res) => {
    const token = bearerToken(req);
    const trackingId = parseTrackingNumber(req.params.trackingId);
    // Same answer for a wrong token and an unknown number, so numbers cannot be probed.
    if (!token || !trackingId || !ctx.reportAccess.verify(trackingId, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="lapor-report"');
      res.status(401).json(errorBody(401, 'the accessToken returned with this report is required'));
      return;
    }
    const view = await ctx.lookup.find(trackingId);
    if (!view) throw new HttpError(404, 'no report with this tracking number');
    res.json({
      trackingId: view.trackingId,
      status: view.status,
      statusLabel: STATUS_LABELS[view.status],
      processing: view.processing,
      receivedAt: view.receivedAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
      history: view.history.map((h) => ({ status: h.status, at: h.at.toISOString(), note: h.note })),
      replies: view.replies.map((r) => ({ text: r.text, at: r.at.toISOString(), status: r.status })),
    });
  });

  return router;
}
