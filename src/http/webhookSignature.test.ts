import { hmacSha256, SIGNATURE_FORMAT, verifyHmacSignature } from './webhookSignature';

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

describe('SIGNATURE_FORMAT', () => {
  it('lets through every real digest of its encoding, so a genuine delivery is never refused unread', () => {
    for (let i = 0; i < 200; i++) {
      const body = Buffer.from(`body ${i}`);
      expect(SIGNATURE_FORMAT.hex.test(`sha256=${hmacSha256(secret, body, 'hex')}`)).toBe(true);
      expect(SIGNATURE_FORMAT.base64.test(`sha256=${hmacSha256(secret, body, 'base64')}`)).toBe(true);
    }
  });

  it('refuses what cannot be a digest: the other encoding, wrong lengths, other prefixes', () => {
    const hex = hmacSha256(secret, raw, 'hex');
    const b64 = hmacSha256(secret, raw, 'base64');
    for (const bad of ['', 'sha256=', `sha256=${b64}`, `sha256=${hex}0`, `sha1=${hex}`, `SHA256=${hex}`, ` sha256=${hex}`]) expect(SIGNATURE_FORMAT.hex.test(bad)).toBe(false);
    for (const bad of ['', 'sha256=', `sha256=${hex}`, `sha256=${b64.slice(1)}`, `sha256=${b64}=`, `sha1=${b64}`]) expect(SIGNATURE_FORMAT.base64.test(bad)).toBe(false);
  });
});
