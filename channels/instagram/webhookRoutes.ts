import { timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import { errorBody, HttpError, zodFields } from '../../src/http/errors';
import { requireSignatureHeader, verifyHmacSignature } from '../../src/http/webhookSignature';
import type { InstagramConfig } from './config';
import { MentionFetchUnavailableError, storeUpdates, type IntakeDeps } from './webhookIntake';
import { readWebhookBody, WebhookBody } from './webhookPayload';

export const WEBHOOK_PATH = '/webhooks/instagram';
export const SIGNATURE_HEADER = 'x-hub-signature-256';

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Meta's webhook: GET answers the subscription handshake, POST carries batches of updates. A
 * POST without a well-formed X-Hub-Signature-256 is refused before its body is read; the body is
 * verified against it before it is parsed, and answered 200 only once every message in it is stored; anything else makes Meta retry (for up to 36 hours).
 */
export function instagramWebhookRoutes(config: InstagramConfig, deps: IntakeDeps): Router {
  const router = Router();
  const log = deps.ctx.log;

  router.get(WEBHOOK_PATH, (req, res) => {
    const q = req.query as Record<string, unknown>;
    if (q['hub.mode'] !== 'subscribe' || !sameSecret(q['hub.verify_token'], config.verifyToken)) {
      res.status(403).json(errorBody(403, 'hub.mode must be subscribe and hub.verify_token must match'));
      return;
    }
    const challenge = q['hub.challenge'];
    if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 256) {
      throw new HttpError(400, 'hub.challenge is missing');
    }
    res.type('text/plain').send(challenge);
  });

  // Meta batches up to 1,000 updates in one body and retries a refused one for 36 hours: a body
  // the 1 MB limit of X's webhook would refuse could never be delivered.
  router.post(WEBHOOK_PATH, requireSignatureHeader(SIGNATURE_HEADER, 'hex'), express.raw({ type: '*/*', limit: '8mb' }), async (req, res) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyHmacSignature({ raw, secret: config.appSecret, header: req.get(SIGNATURE_HEADER), encoding: 'hex', prefix: 'sha256=' })) {
      res.status(401).json(errorBody(401, `${SIGNATURE_HEADER} does not match the body`));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'malformed JSON body');
    }
    const body = WebhookBody.safeParse(json);
    if (!body.success) {
      res.status(400).json(errorBody(400, 'not an Instagram webhook body', zodFields(body.error)));
      return;
    }
    const batch = readWebhookBody(body.data, config.accountId);
    try {
      const result = await storeUpdates(batch.updates, deps);
      if (batch.skipped.length > 0) {
        // Echoes, reads and the like are routine; an update we could not read means Meta changed something.
        const odd = batch.skipped.some((s) => s.reason === 'unreadable' || s.reason === 'unsupported_field');
        log[odd ? 'warn' : 'debug']({ channel: 'instagram', skipped: batch.skipped.map((s) => `${s.field}:${s.reason}`) }, 'webhook updates skipped');
      }
      res.json({ received: batch.updates.length, stored: result.stored, redelivered: result.redelivered, skipped: batch.skipped.length });
    } catch (error) {
      if (!(error instanceof MentionFetchUnavailableError)) throw error;
      log.warn({ channel: 'instagram', err: error }, 'webhook refused until mention text can be fetched');
      res.setHeader('Retry-After', '60');
      res.status(503).json(errorBody(503, 'a mention could not be fetched from the Graph API yet; retry later'));
    }
  });

  return router;
}
