import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('gives working defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', API_TOKENS: [] });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.STORE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('parses lists', () => {
    const config = loadConfig({ API_TOKENS: 'kota-bandung:abcdefghijklmnop1234:pemkot-32.73, nasional:qrstuvwxyz0123456789:*, raya:0123456789abcdefghij:pemkot-32.73+pemkab-32.04', HOLIDAYS: '2026-12-24' });
    expect(config.API_TOKENS).toEqual([
      { name: 'kota-bandung', token: 'abcdefghijklmnop1234', scope: ['pemkot-32.73'] },
      { name: 'nasional', token: 'qrstuvwxyz0123456789', scope: '*' },
      { name: 'raya', token: '0123456789abcdefghij', scope: ['pemkot-32.73', 'pemkab-32.04'] },
    ]);
    expect(config.HOLIDAYS).toEqual(['2026-12-24']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['REDIS_URL', 'localhost:6379'],
    ['STORE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['API_TOKENS', 'short:abc:*'],
    ['API_TOKENS', 'noscope:abcdefghijklmnop1234'],
    ['API_TOKENS', 'bad-scope:abcdefghijklmnop1234:*+pemkot-32.73'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'loopback, 10.0.0.300'],
    ['HOLIDAYS', '24-12-2026'],
  ])('names %s when its value %p is bad', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['true', true],
    ['FALSE', false],
    ['loopback', ['loopback']],
    ['loopback, linklocal,uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
    ['10.0.0.0/8, 192.168.1.7, fd00::/8, 172.16.0.0/255.240.0.0', ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '172.16.0.0/255.240.0.0']],
  ])('reads TRUST_PROXY=%p as Express means it (hop counts are numbers, not addresses)', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it('names a bad token entry by its name and never prints its token', () => {
    const secret = 'never-print-me-0123456789';
    let error: unknown;
    try {
      loadConfig({ API_TOKENS: `ok:abcdefghijklmnop1234:*,dinas-lama:${secret},${secret}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('entry "dinas-lama"');
    expect(message).toContain('entry 3');
    expect(message).not.toContain(secret);
  });
});
