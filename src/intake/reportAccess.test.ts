import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportAccess, resolveAppSecret } from './reportAccess';

describe('report access tokens', () => {
  const access = new ReportAccess('a-secret-of-at-least-thirty-two-characters');

  it('are stable per report and verify only for that report', () => {
    const token = access.tokenFor('1234567891');
    expect(access.tokenFor('1234567891')).toBe(token);
    expect(access.verify('1234567891', token)).toBe(true);
    expect(access.verify('1234567892', token)).toBe(false);
    expect(access.verify('1234567891', `${token}x`)).toBe(false);
    expect(access.verify('1234567891', '')).toBe(false);
  });

  it('differ between secrets', () => {
    expect(new ReportAccess('another-secret-of-thirty-two-characters!').tokenFor('1234567891')).not.toBe(access.tokenFor('1234567891'));
  });
});

describe('resolveAppSecret', () => {
  it('prefers APP_SECRET, else generates one secret per data dir, private to the owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapor-secret-'));
    try {
      expect(resolveAppSecret('configured-secret-configured-secret-1', dir)).toBe('configured-secret-configured-secret-1');
      const generated = resolveAppSecret(undefined, dir);
      expect(generated.length).toBeGreaterThanOrEqual(32);
      expect(resolveAppSecret(undefined, dir)).toBe(generated);
      expect(statSync(join(dir, 'secret.key')).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
