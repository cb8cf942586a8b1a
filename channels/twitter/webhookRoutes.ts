import express, { Router, type Request } from 'express';
import type { ChannelContext } from '../../src/channels/channel';
import { errorBody } from '../../src/http/errors';
import { hmacSha256, requireSignatureHeader, verifyHmacSignature } from '../../src/http/webhookSignature';
import { acceptMessages } from './acceptMessages';
import type { TwitterConfig } from './config';
import { messagesFromWebhook } from './inboundMessages';
import { ActivityPayload } from './webhookPayload';

export const WEBHOOK_PATH = '/webhooks/twitter';
export const SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

/**
 * The CRC answer is the HMAC of the token under the secret that also signs webhook bodies, so it
 * must only ever sign strings that cannot be a body: X's tokens are base64(url), and no JSON is.
 */
export const CRC_TOKEN = /^[A-Za-z0-9+/=_-]{1,128}$/;

/** The CRC answer X expects when it registers or re-checks the webhook (hourly). */
export function crcResponseToken(appSecret: string, crcToken: string): string {
  return `sha256=${hmacSha256(appSecret, crcToken, 'base64')}`;
}

function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/**
 * Account Activity API webhook. A POST without a well-formed signature header is refused before its
 * body is read; the body is verified against the signature over its raw bytes before it is parsed, and X gets 200 only once every message in it is stored: anything else
 * (401, 400, 503) makes X deliver it again.
 */
export function twitterWebhookRoutes(ctx: ChannelContext, cfg: TwitterConfig): Router {
  const router = Router();

  router.get(WEBHOOK_PATH, (req, res) => {
    const token = req.query.crc_token;
    if (typeof token !== 'string' || token === '') {
      res.status(400).json(errorBody(400, 'crc_token query parameter is required'));
      return;
    }
    if (!CRC_TOKEN.test(token)) {
      res.status(400).json(errorBody(400, 'crc_token must be 1 to 128 characters of A-Z, a-z, 0-9, +, /, =, _ or -'));
      return;
    }
    res.json({ response_token: crcResponseToken(cfg.appSecret, token) });
  });

  router.post(WEBHOOK_PATH, requireSignatureHeader(SIGNATURE_HEADER, 'base64'), express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
    const raw = rawBody(req);
    const signed = verifyHmacSignature({
      raw,
      secret: cfg.appSecret,
      header: req.get(SIGNATURE_HEADER),
      encoding: 'base64',
      prefix: 'sha256=',
    });
    if (!signed) {
      res.status(401).json(errorBody(401, `missing or invalid ${SIGNATURE_HEADER}`));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json(errorBody(400, 'body is not valid JSON'));
      return;
    }
    const payload = ActivityPayload.safeParse(json);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      res.status(400).json(errorBody(400, `not an Account Activity payload: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim()));
      return;
    }
    const messages = messagesFromWebhook(payload.data, cfg.userId, ctx.now());
    // IntakeUnavailableError reaches the app's error handler: 503 with Retry-After, and X delivers again.
    const stored = await acceptMessages(messages, ctx);
    if (messages.length > 0) ctx.log.info({ channel: 'twitter', received: messages.length, stored }, 'twitter webhook stored');
    res.status(200).end();
  });

  return router;
}
