import { ConfigError } from '../../config/env';
import { DEFAULT_GRAPH_API_URL, instagramConfig } from './config';

const required = { INSTAGRAM_APP_SECRET: 'ig-app-secret-0123456789abcdef', INSTAGRAM_VERIFY_TOKEN: 'verify-token', INSTAGRAM_ACCOUNT_ID: '17841400000000001' };

describe('instagramConfig', () => {
  it('is off until the app secret, verify token and account id are all set', () => {
    expect(instagramConfig({})).toBeNull();
    expect(instagramConfig({ INSTAGRAM_APP_SECRET: required.INSTAGRAM_APP_SECRET, INSTAGRAM_ACCOUNT_ID: required.INSTAGRAM_ACCOUNT_ID })).toBeNull();
    expect(instagramConfig(required)).toMatchObject({ accountId: '17841400000000001', accessToken: null });
  });

  it('defaults to the real Graph API at a pinned version', () => {
    expect(DEFAULT_GRAPH_API_URL).toMatch(/^https:\/\/graph\.facebook\.com\/v\d+\.\d$/);
    expect(instagramConfig(required)?.graphApiUrl).toBe(DEFAULT_GRAPH_API_URL);
    expect(instagramConfig({ ...required, GRAPH_API_URL: 'http://127.0.0.1:9999/v26.0/' })?.graphApiUrl).toBe('http://127.0.0.1:9999/v26.0');
  });

  it.each([
    ['INSTAGRAM_ACCOUNT_ID', 'lapor1708'],
    ['GRAPH_API_URL', 'graph.facebook.com'],
    ['INSTAGRAM_VERIFY_TOKEN', 'short'],
  ])('names %s when its value %p is bad', (name, value) => {
    expect(() => instagramConfig({ ...required, [name]: value })).toThrow(ConfigError);
    expect(() => instagramConfig({ ...required, [name]: value })).toThrow(name);
  });
});
