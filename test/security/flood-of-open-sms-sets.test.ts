import { parseSmsConfig } from '../../channels/sms/config';
import type { MoMessage } from '../../channels/sms/simulator/smscSimulator';
import { ReceiptBook } from '../../channels/sms/receipts/receiptBook';
import { MoReceiver } from '../../channels/sms/receive/moReceiver';
import { MultipartSweeper } from '../../channels/sms/receive/multipartSweeper';
import { multipartStoreFor } from '../../channels/sms/smsRuntime';
import { startSmsRig, type SmsRig } from '../../channels/sms/testSupport';
import type { InboxRecord } from '../../src/store/types';
import type { Roles } from '../../src/roles';

/**
 * Actor: a flood. One originator (or many) opens thousands of concatenated-SMS sets and never
 * sends their other parts, so that Redis fills with sets nobody will ever complete and the sweeper
 * falls behind. Over real SMPP against the simulator SMSC, with the gateway's own Redis and store.
 */

// Intake only: the inbound worker would turn each flood message into a ticket and a reply, which
// is beside the point here and costs the shared machine minutes.
const INTAKE_ONLY: Roles = { api: true, inbound: false, outbound: [], maintenance: false };
const MAX_OPEN = 10;
// Long, so the gateway's own sweeper leaves every set alone until the test moves the clock on.
const TIMEOUT_SECONDS = 600;
const FILLER = ' Jalan rusak di depan pasar, mohon segera diperbaiki oleh dinas terkait karena sudah banyak pengendara motor yang jatuh di sana setiap malam, terutama saat hujan deras dan lampu jalan padam.';

let rig: SmsRig;
beforeAll(async () => {
  rig = await startSmsRig({ SMS_MULTIPART_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS), SMS_MULTIPART_MAX_OPEN_PER_SENDER: String(MAX_OPEN) }, {}, INTAKE_ONLY);
});
afterAll(async () => {
  await rig?.stop();
});

const token = (n: number) => `SET${String(n).padStart(5, '0')}`;

/** The first part of a two-part message whose text starts with `token(n)`; its second part never comes. */
function firstPart(from: string, n: number): MoMessage {
  const parts = rig.smsc.multipart(from, `${token(n)}${FILLER}`, 'udh16', { ref: n });
  if (parts.length !== 2 || !parts[0]) throw new Error(`expected two parts, got ${parts.length}`);
  return parts[0];
}

/** Sends every part over SMPP, `concurrency` at a time, and returns each deliver_sm_resp status. */
async function deliverAll(parts: MoMessage[], concurrency = 20): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < parts.length; i += concurrency) {
    const results = await Promise.all(parts.slice(i, i + concurrency).map((p) => rig.smsc.deliver(p)));
    statuses.push(...results.flatMap((r) => r.statuses));
  }
  return statuses;
}

const redis = () => rig.gw.gateway.ctx.redis;
const prefix = () => parseSmsConfig(rig.gw.gateway.ctx.config).keyPrefix;

async function multipartKeys(): Promise<string[]> {
  return redis().keys(`${prefix()}mp:*`);
}

/** Every inbox message from `phone`, whatever state it is in. */
async function inboxFrom(phone: string): Promise<InboxRecord[]> {
  const inbox = rig.gw.gateway.store.inbox;
  const future = new Date(Date.now() + 86_400_000);
  const all = (await Promise.all((['received', 'processed', 'failed'] as const).map((s) => inbox.listByState(s, future, 100_000)))).flat();
  return all.filter((m) => m.sender.phone === phone);
}

/**
 * A sweeper as another gateway process would run it, built from the channel's own classes on the
 * same Redis and store, with its clock past every set's timeout: the backlog an outage leaves.
 */
function sweeperAfterTheTimeout(): MultipartSweeper {
  const ctx = rig.gw.gateway.ctx;
  const cfg = parseSmsConfig(ctx.config);
  const parts = multipartStoreFor(cfg, ctx.redis);
  const receiver = new MoReceiver(ctx, cfg.keyPrefix, parts, new ReceiptBook(ctx.redis, cfg.keyPrefix, ctx.store, ctx.log, ctx.now));
  return new MultipartSweeper(parts, receiver, ctx.log, () => new Date(Date.now() + cfg.multipartTimeoutMs + 60_000), 3_600_000);
}

describe('one originator opening thousands of sets', () => {
  const FROM = '081377770001';
  const PHONE = '+6281377770001';
  // Forty times the cap: enough to show the cap holds, small enough for a loaded CI machine.
  const SETS = 400;

  it('is acknowledged part by part, never refused (the SMSC must not retry for ever)', async () => {
    // A few at a time: each part past the cap waits for its originator's oldest set to be stored,
    // and twenty waiting at once on a loaded machine can outlast the simulator's 10 s per response.
    const statuses = await deliverAll(Array.from({ length: SETS }, (_, i) => firstPart(FROM, i + 1)), 5);
    expect(statuses).toHaveLength(SETS);
    // On a failure, the gateway's own account of why a part was not stored says more than a status.
    const whyNotStored = rig.gw.logs.join('').split('\n').filter((l) => l.includes('SMS not stored')).slice(0, 3);
    expect({ refused: statuses.filter((s) => s !== 0).length, whyNotStored }).toEqual({ refused: 0, whyNotStored: [] });
  });

  it('keeps at most SMS_MULTIPART_MAX_OPEN_PER_SENDER sets open in Redis', async () => {
    expect((await redis().keys(`${prefix()}mp:set:*`)).length).toBeLessThanOrEqual(MAX_OPEN);
    expect((await redis().keys(`${prefix()}mp:open:*`)).length).toBeLessThanOrEqual(MAX_OPEN);
  });

  it('leaves no multipart key without a TTL', async () => {
    const keys = await multipartKeys();
    expect(keys.length).toBeGreaterThan(0);
    const ttls = await Promise.all(keys.map((k) => redis().pttl(k)));
    expect(keys.filter((_, i) => !((ttls[i] ?? -1) > 0))).toEqual([]);
  });

  it('has stored every acknowledged part once the open sets are swept', async () => {
    await sweeperAfterTheTimeout().sweepOnce();
    const messages = await inboxFrom(PHONE);
    const texts = messages.map((m) => m.text).join('\n');
    const missing = Array.from({ length: SETS }, (_, i) => token(i + 1)).filter((t) => !texts.includes(t));
    expect(missing).toEqual([]);
    expect(messages.every((m) => m.flags.includes('incomplete'))).toBe(true);
    expect(await redis().keys(`${prefix()}mp:set:*`)).toEqual([]);
  });
});

describe('an originator past the cap', () => {
  const FROM = '081377770002';
  const PHONE = '+6281377770002';

  it('has its oldest open set taken in early, flagged incomplete, and its newest message still joined whole', async () => {
    const opened = Array.from({ length: MAX_OPEN }, (_, i) => firstPart(FROM, 10_001 + i));
    expect(await deliverAll(opened, 1)).toEqual(opened.map(() => 0));
    expect(await inboxFrom(PHONE)).toEqual([]);

    const newest = rig.smsc.multipart(FROM, `${token(20_000)}${FILLER}`, 'udh16', { ref: 20_000 });
    expect(await deliverAll(newest, 1)).toEqual([0, 0]);
    const messages = await inboxFrom(PHONE);
    const oldest = messages.find((m) => m.text.includes(token(10_001)));
    expect(oldest?.flags).toEqual(['incomplete']);
    const whole = messages.find((m) => m.text.includes(token(20_000)));
    expect(whole?.text).toBe(`${token(20_000)}${FILLER}`);
    expect(whole?.flags).toEqual([]);
    expect(messages).toHaveLength(2);
  });
});

describe('a backlog of timed-out sets', () => {
  // Eight times what the old sweeper took per pass (50).
  const SETS = 400;
  const phone = (i: number) => `0813888${String(i).padStart(5, '0')}`;

  it('is drained by the sweeper in one pass, every part stored', async () => {
    const statuses = await deliverAll(Array.from({ length: SETS }, (_, i) => firstPart(phone(i), 30_001 + i)));
    expect(statuses.filter((s) => s !== 0)).toEqual([]);
    expect((await redis().keys(`${prefix()}mp:set:*`)).length).toBeGreaterThanOrEqual(SETS);

    await sweeperAfterTheTimeout().sweepOnce();

    expect(await redis().keys(`${prefix()}mp:set:*`)).toEqual([]);
    const inbox = rig.gw.gateway.store.inbox;
    const future = new Date(Date.now() + 86_400_000);
    const texts = (await inbox.listByState('received', future, 100_000)).map((m) => m.text).join('\n');
    const missing = Array.from({ length: SETS }, (_, i) => token(30_001 + i)).filter((t) => !texts.includes(t));
    expect(missing).toEqual([]);
  });
});
