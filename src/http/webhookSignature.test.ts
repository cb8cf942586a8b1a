import { hmacSha256, verifyHmacSignature } from './webhookSignature';

const raw = Buffer.from('{"entry":[{"id":"1"}]}');
const secret = 'app-secret';

describe('verifyHmacSignature', () => {
  it('accepts the HMAC of the exact raw body in the platform encoding', () => {
    expect(verifyHmacSignature({ raw, secret, header: `sha256=${hmacSha256(secret, raw, 'hex')}`, encoding: 'hex', prefix: 'sha256=' })).toBe(true);
    expect(verifyHmacSignature({ raw, secret, header: `sha256=${hmacSha256(secret, raw, 'base64')}`, encoding: 'base64', prefix: 'sha256=' })).toBe(true);
  });

  it('refuses a missing header, a wrong prefix, another secret, another body and a truncated digest', () => {
    const good = hmacSha256(secret, raw, 'hex');
    const check = (header: string | undefined, body = raw) => verifyHmacSignature({ raw: body, secret, header, encoding: 'hex', prefix: 'sha256=' });
    expect(check(undefined)).toBe(false);
    expect(check(`sha1=${good}`)).toBe(false);
    expect(check(`sha256=${hmacSha256('other', raw, 'hex')}`)).toBe(false);
    expect(check(`sha256=${good}`, Buffer.from('{"entry":[]}'))).toBe(false);
    expect(check(`sha256=${good.slice(0, 10)}`)).toBe(false);
    expect(check(`sha256=${good.toUpperCase()}`)).toBe(false);
  });
});
