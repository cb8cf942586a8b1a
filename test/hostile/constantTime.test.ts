import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { sameToken } from '../../src/console/guards';
import { hashPassword, verifyPassword } from '../../src/console/password';
import { requireApiToken } from '../../src/http/apiTokens';
import { hmacSha256, verifyHmacSignature } from '../../src/http/webhookSignature';
import { ReportAccess } from '../../src/intake/reportAccess';

/**
 * Every place a secret a client sends is compared with ours must compare in constant time, so the
 * time taken does not tell an attacker how many leading characters were right. Each verifier is
 * given a wrong value of the right length, and must reach crypto.timingSafeEqual to refuse it
 * (never a === or a startsWith on the secret). The Instagram verify token (channels/instagram/
 * webhookRoutes.ts, sameSecret) and the console session id (a Redis key lookup, no comparison in
 * our code) were checked by reading.
 */
let spy: jest.SpyInstance;
beforeEach(() => {
  spy = jest.spyOn(crypto, 'timingSafeEqual');
});
afterEach(() => {
  spy.mockRestore();
});

const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith('a') ? 'b' : 'a');

test('webhook signatures (X base64, Meta hex)', () => {
  const raw = Buffer.from('{"entry":[]}');
  for (const encoding of ['hex', 'base64'] as const) {
    const header = `sha256=${flipLast(hmacSha256('the-secret', raw, encoding))}`;
    expect(verifyHmacSignature({ raw, secret: 'the-secret', header, encoding, prefix: 'sha256=' })).toBe(false);
  }
  expect(spy).toHaveBeenCalledTimes(2);
});

test('integration API bearer tokens, whatever the length given', () => {
  const check = requireApiToken([{ name: 'agency', token: 'agency-token-0123456789', scope: '*' }]);
  for (const token of [flipLast('agency-token-0123456789'), 'x', 'agency-token-0123456789-and-more']) {
    const req = { get: (h: string) => (h.toLowerCase() === 'authorization' ? `Bearer ${token}` : undefined) } as unknown as Request;
    let status = 0;
    const res = { setHeader: () => undefined, status: (s: number) => ((status = s), { json: () => undefined }), locals: {} } as unknown as Response;
    const next = jest.fn();
    check(req, res, next);
    expect(next).not.toHaveBeenCalled();
    expect(status).toBe(401);
  }
  expect(spy).toHaveBeenCalledTimes(3);
});

test('console CSRF tokens', () => {
  expect(sameToken(flipLast('csrf-token-of-the-session-0123456789abcdef'), 'csrf-token-of-the-session-0123456789abcdef')).toBe(false);
  expect(spy).toHaveBeenCalledTimes(1);
});

test('report access tokens', () => {
  const access = new ReportAccess('an-app-secret-of-at-least-32-characters!');
  const token = access.tokenFor('1234567890');
  expect(access.verify('1234567890', flipLast(token))).toBe(false);
  expect(spy).toHaveBeenCalledTimes(1);
});

test('console passwords', async () => {
  const stored = await hashPassword('kata-sandi-yang-benar');
  spy.mockClear();
  expect(await verifyPassword('kata-sandi-yang-salah', stored)).toBe(false);
  expect(spy).toHaveBeenCalledTimes(1);
});
