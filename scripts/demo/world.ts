import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channels } from '../../channels';
import { FakeGraphApi } from '../../channels/instagram/fakeGraphApi';
import { SmscSimulator } from '../../channels/sms/simulator/smscSimulator';
import { FakeXApi, type FakeUser } from '../../channels/twitter/fakeXApi';
import { loadConfig } from '../../config/env';
import { startGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/log/logger';
import { startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import { ALL_ROLES } from '../../src/roles';

export const X_ACCOUNT: FakeUser = { id: '1480000000000000001', username: 'lapor1708', name: 'LAPOR! 1708' };
export const IG_ACCOUNT_ID = '17841400000000001';

/** Demo-only credentials: the simulators accept exactly these, nothing real is ever configured. */
export const SECRETS = {
  smppSystemId: 'lapor1708',
  smppPassword: 'demo-smsc-pw',
  xAppKey: 'demo-x-app-key-0001',
  xAppSecret: 'demo-x-consumer-secret-0001',
  xAccessToken: '1480000000000000001-demoaccesstoken',
  xAccessSecret: 'demo-x-access-secret-0001',
  xBearer: 'AAAAAAAAAAAAAAAAAAAAAdemobearer',
  igAppSecret: 'demo-ig-app-secret-0123456789abcdef',
  igVerifyToken: 'demo-verify-token-lapor1708',
  igAccessToken: 'IGAAdemo-access-token-0123456789',
};

export interface DemoWorld {
  gateway: Gateway;
  baseUrl: string;
  smsc: SmscSimulator;
  x: FakeXApi;
  graph: FakeGraphApi;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The whole demo in one process: a private redis-server, the SMSC simulator on real SMPP over
 * TCP, the fake X API on HTTPS (its self-signed CA handed to the channel with TWITTER_CA_FILE), the
 * fake Graph API, and the gateway with its embedded defaults (PGlite under a fresh directory)
 * configured against them exactly as an operator would configure the real platforms.
 */
export async function startDemoWorld(port: number): Promise<DemoWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lapor-demo-'));
  const redis: RedisServerHandle = await startRedisServer({ dir: join(dataDir, 'redis') });
  const smsc = await SmscSimulator.start({ systemId: SECRETS.smppSystemId, password: SECRETS.smppPassword });
  const x = await new FakeXApi({
    appKey: SECRETS.xAppKey,
    appSecret: SECRETS.xAppSecret,
    accessToken: SECRETS.xAccessToken,
    accessSecret: SECRETS.xAccessSecret,
    bearerToken: SECRETS.xBearer,
    account: X_ACCOUNT,
  }).start();
  const graph = await new FakeGraphApi({ accountId: IG_ACCOUNT_ID, accessToken: SECRETS.igAccessToken }).start();

  const config = loadConfig({
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'info',
    // One address sends everything in the demo: the per-address limits would turn it away.
    WEB_RATE_LIMIT_PER_MINUTE: '100000',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    SMPP_URL: smsc.url(),
    SMPP_SUBMIT_TPS: '200',
    TWITTER_APP_KEY: SECRETS.xAppKey,
    TWITTER_APP_SECRET: SECRETS.xAppSecret,
    TWITTER_ACCESS_TOKEN: SECRETS.xAccessToken,
    TWITTER_ACCESS_SECRET: SECRETS.xAccessSecret,
    TWITTER_BEARER_TOKEN: SECRETS.xBearer,
    TWITTER_USER_ID: X_ACCOUNT.id,
    TWITTER_API_URL: x.url,
    TWITTER_CA_FILE: x.caFile,
    INSTAGRAM_APP_SECRET: SECRETS.igAppSecret,
    INSTAGRAM_VERIFY_TOKEN: SECRETS.igVerifyToken,
    INSTAGRAM_ACCESS_TOKEN: SECRETS.igAccessToken,
    INSTAGRAM_ACCOUNT_ID: IG_ACCOUNT_ID,
    GRAPH_API_URL: graph.url,
  });
  // The gateway's logs go to a file: the terminal belongs to the progress bar and the summary.
  const logFile = join(dataDir, 'gateway.log');
  const gateway = await startGateway(config, ALL_ROLES, channels, createLogger(config.LOG_LEVEL, createWriteStream(logFile)));
  await smsc.waitForBinds(1, 15_000);
  return {
    gateway,
    baseUrl: `http://127.0.0.1:${gateway.port ?? port}`,
    smsc,
    x,
    graph,
    dataDir,
    logFile,
    stop: async () => {
      await gateway.stop();
      await Promise.all([smsc.stop(), x.stop(), graph.stop()]);
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
