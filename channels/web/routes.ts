import { randomUUID } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ChannelContext } from '../../src/channels/channel';
import { formBody } from '../../src/http/bodyParsers';
import { classify } from '../../src/http/errors';
import { clientAddress } from '../../src/http/rateLimit';
import { ExternalIdConflictError } from '../../src/intake/accept';
import type { Logger } from '../../src/log/logger';
import { statusLabel } from '../../src/tickets/status';
import { parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { parseWebForm, toReportFields, type WebLang } from './formSchema';
import { TEXTS } from './texts';
import { renderConfirmation, renderErrorPage, renderReportForm, renderStatusLookup, WEB_CSP } from './views';

export const WEB_CHANNEL = 'web';

const RESENT_FORM: Record<WebLang, string> = {
  id: 'Formulir ini sudah terkirim sebelumnya. Untuk laporan baru atau tambahan, buka formulir baru.',
  en: 'This form was already sent. For a new or additional report, open a new form.',
};

function langOf(req: Request): WebLang {
  const asked = (req.body as Record<string, unknown> | undefined)?.lang ?? req.query.lang;
  return asked === 'en' ? 'en' : 'id';
}

function page(res: Response, status: number, body: string): void {
  // Status links carry a report's access token: no page may hand its address to another site.
  res.status(status).setHeader('Content-Security-Policy', WEB_CSP).setHeader('Referrer-Policy', 'no-referrer').type('html').send(body);
}

/** Errors on the form's pages are pages too, in the citizen's language, never JSON. */
function errorPage(log: Logger, req: Request, res: Response, error: unknown): void {
  const { status } = classify(error);
  if (status >= 500) log.error({ err: error, path: req.path }, 'web request failed');
  if (status === 503) res.setHeader('Retry-After', '30');
  page(res, status, renderErrorPage({ lang: langOf(req), status, path: req.originalUrl }));
}

/**
 * Citizens get pages, not JSON, when a request under /lapor fails before reaching the routes (the
 * form parser refuses it: too large, bad charset). Mounted by the app as an error handler,
 * since Express passes errors only to handlers with four parameters.
 */
export function webErrorHandler(log: Logger, req: Request, res: Response, next: NextFunction, error: unknown): void {
  if (req.path !== '/lapor' && !req.path.startsWith('/lapor/')) return next(error);
  errorPage(log, req, res, error);
}

/** The accessible web form: GET /lapor, POST /lapor, GET /lapor/status. Works without JavaScript. */
export function webRoutes(ctx: ChannelContext): Router {
  const router = Router();

  router.get('/lapor', (req, res) => {
    page(res, 200, renderReportForm({ lang: langOf(req), nonce: randomUUID(), path: req.originalUrl }));
  });

  // The rate limit comes before the form is read: a refused client costs no parsing. Its page
  // speaks the language of the form's address (?lang=en), the body being unread.
  const rateLimited: RequestHandler = async (req, res, next) => {
    try {
      const limit = await ctx.rateLimiter.hit('web', clientAddress(req), ctx.config.WEB_RATE_LIMIT_PER_MINUTE);
      if (limit.allowed) return next();
      res.setHeader('Retry-After', String(limit.retryAfter));
      page(res, 429, renderErrorPage({ lang: langOf(req), status: 429, retryAfterSeconds: limit.retryAfter, path: req.originalUrl }));
    } catch (error) {
      errorPage(ctx.log, req, res, error);
    }
  };

  router.post('/lapor', rateLimited, formBody, async (req, res) => {
    const lang = langOf(req);
    try {
      const form = parseWebForm(req.body, lang);
      if (!form.ok) {
        // A filled honeypot is a bot: refuse without telling it which field gave it away.
        if (form.honeypot) return page(res, 400, renderErrorPage({ lang, status: 400, path: req.originalUrl }));
        const nonce = form.errors.nonce || !form.values.nonce ? randomUUID() : form.values.nonce;
        return page(res, 422, renderReportForm({ lang, nonce, values: form.values, errors: form.errors, path: req.originalUrl }));
      }
      const report = form.value;
      const accepted = await ctx.intake.accept({
        channel: WEB_CHANNEL,
        // The nonce was issued with the form: a double click or a reload sends one report, not two.
        externalId: report.nonce,
        // The phone and email are typed in, not verified: they reach operators as contact details and
        // never identify the sender (src/dedup/senderIdentities). Each form is its own sender.
        sender: {
          id: `web:${report.nonce}`,
          name: report.nama,
          phone: report.telepon,
          email: report.email,
        },
        text: report.isi,
        receivedAt: new Date(),
        raw: { ...report },
        fields: toReportFields(report),
      });
      page(
        res,
        200,
        renderConfirmation({ lang: report.lang, trackingId: accepted.trackingId, accessToken: ctx.reportAccess.tokenFor(accepted.trackingId), privacy: report.privasi }),
      );
    } catch (error) {
      if (error instanceof ExternalIdConflictError) {
        // The same form sent again after editing: this is a new report, so offer a fresh form.
        return page(res, 409, renderErrorPage({ lang, status: 409, message: RESENT_FORM[lang], path: '/lapor' }));
      }
      errorPage(ctx.log, req, res, error);
    }
  });

  router.get('/lapor/status', async (req, res) => {
    const lang = langOf(req);
    const query = typeof req.query.nomor === 'string' ? req.query.nomor.slice(0, 64) : undefined;
    const token = typeof req.query.token === 'string' && req.query.token.trim() !== '' ? req.query.token.trim().slice(0, 128) : undefined;
    if (!query) return page(res, 200, renderStatusLookup({ lang, path: req.originalUrl }));
    try {
      // Every lookup counts, found or not: numbers are guessable, so guessing must be slow.
      const limit = await ctx.rateLimiter.hit('status', clientAddress(req), ctx.config.STATUS_RATE_LIMIT_PER_MINUTE);
      if (!limit.allowed) {
        res.setHeader('Retry-After', String(limit.retryAfter));
        return page(res, 429, renderErrorPage({ lang, status: 429, retryAfterSeconds: limit.retryAfter, path: req.originalUrl }));
      }
      const trackingId = parseTrackingNumber(query);
      if (!trackingId) return page(res, 404, renderStatusLookup({ lang, query, token, error: 'invalid', path: req.originalUrl }));
      const view = await ctx.lookup.find(trackingId);
      if (!view) return page(res, 404, renderStatusLookup({ lang, query, token, error: 'not_found', path: req.originalUrl }));
      const label = view.attached ? TEXTS[lang].resultAttached : statusLabel(view.status, lang);
      // The number alone is not a secret: it shows the status label and nothing else. The text, the
      // history and the replies need the access token the citizen got with the number.
      if (!token || !ctx.reportAccess.verify(trackingId, token)) {
        return page(res, 200, renderStatusLookup({ lang, query, result: { trackingId, statusLabel: label }, path: req.originalUrl }));
      }
      const result = {
        trackingId,
        statusLabel: label,
        receivedAt: view.receivedAt,
        updatedAt: view.updatedAt,
        processing: view.processing,
        history: view.history.map((h) => ({ statusLabel: statusLabel(h.status, lang), at: h.at })),
        replies: view.replies.map((r) => ({ text: r.text, at: r.at })),
        // Only public reports show their content; anonymous and confidential ones show status and replies only.
        content: view.ticket && view.privacy === 'public' ? { title: view.ticket.title, text: view.ticket.text } : undefined,
      };
      page(res, 200, renderStatusLookup({ lang, query, result, path: req.originalUrl }));
    } catch (error) {
      errorPage(ctx.log, req, res, error);
    }
  });

  router.use('/lapor', (req, res) => page(res, 404, renderErrorPage({ lang: langOf(req), status: 404, path: req.originalUrl })));

  return router;
}
