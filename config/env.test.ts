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
    const config = loadConfig({ API_TOKENS: 'dinas-pu:abcdefghijklmnop1234, bpjs:qrstuvwxyz0123456789', HOLIDAYS: '2026-12-24' });
    expect(config.API_TOKENS).toEqual(['dinas-pu:abcdefghijklmnop1234', 'bpjs:qrstuvwxyz0123456789']);
    expect(config.HOLIDAYS).toEqual(['2026-12-24']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['REDIS_URL', 'localhost:6379'],
    ['STORE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['API_TOKENS', 'short:abc'],
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
});
