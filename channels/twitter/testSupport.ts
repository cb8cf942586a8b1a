import { startTestGateway, type TestGateway } from '../../test/support/testGateway';
import { FakeXApi, type FakeUser } from './fakeXApi';

/** Shared by the X channel's tests: a fake X API on HTTPS and a gateway configured against it. */
export const ACCOUNT: FakeUser = { id: '1480000000000000001', username: 'lapor1708', name: 'LAPOR! 1708' };
export const CITIZEN: FakeUser = { id: '1480000000000000101', username: 'warga_bandung', name: 'Siti Warga' };
export const OTHER_CITIZEN: FakeUser = { id: '1480000000000000102', username: 'budi_medan', name: 'Budi' };

export const KEYS = {
  appKey: 'test-app-key-0001',
  appSecret: 'test-app-secret-consumer-0001',
  accessToken: '1480000000000000001-accesstoken',
  accessSecret: 'test-access-secret-0001',
  bearerToken: 'AAAAAAAAAAAAAAAAAAAAAtestbearer',
};

export function startFakeXApi(maxPageSize?: number): Promise<FakeXApi> {
  return new FakeXApi({ ...KEYS, account: ACCOUNT, maxPageSize }).start();
}

export function twitterEnv(x: FakeXApi, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TWITTER_APP_KEY: KEYS.appKey,
    TWITTER_APP_SECRET: KEYS.appSecret,
    TWITTER_ACCESS_TOKEN: KEYS.accessToken,
    TWITTER_ACCESS_SECRET: KEYS.accessSecret,
    TWITTER_BEARER_TOKEN: KEYS.bearerToken,
    TWITTER_USER_ID: ACCOUNT.id,
    TWITTER_API_URL: x.url,
    TWITTER_CA_FILE: x.caFile,
    ...extra,
  };
}

export function startTwitterGateway(x: FakeXApi, extra: Record<string, string> = {}): Promise<TestGateway> {
  return startTestGateway(twitterEnv(x, extra));
}

export const webhookUrl = (t: TestGateway) => `${t.baseUrl}/webhooks/twitter`;
