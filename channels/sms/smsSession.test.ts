import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { PDU } from 'smpp';
import { channels } from '..';
import { loadConfig } from '../../config/env';
import { startGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/log/logger';
import { startRedisServer } from '../../src/redis/redisServer';
import { ALL_ROLES } from '../../src/roles';
import { eventually, startTestGateway } from '../../test/support/testGateway';
import { SmscSimulator } from './simulator/smscSimulator';
import { FAST_SMS_ENV, PASSWORD, SYSTEM_ID, mtTo, oneTicketFrom, smsTickets, startSmsRig, type SmsRig } from './testSupport';

const LONG =
  'Pelayanan di kantor kelurahan sangat lambat, antrean KTP elektronik sudah tiga hari belum dipanggil ' +
  'padahal sudah datang sejak jam enam pagi. Petugas sering tidak ada di tempat saat jam kerja. Mohon ditertibkan.';

interface SmsHealth {
  state: string;
  lastError: string | null;
  reconnects: number;
}

async function smsHealth(baseUrl: string): Promise<SmsHealth> {
  const body = (await (await fetch(`${baseUrl}/readyz`)).json()) as { channels: { sms: SmsHealth } };
  return body.channels.sms;
}

describe('the SMPP session survives a bad link', () => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig();
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('reconnects after a disconnect in the middle of a multipart message, and the message completes', async () => {
    const [p1, p2] = rig.smsc.multipart('081322220001', LONG, 'udh8');
    if (!p1 || !p2) throw new Error('expected two parts');
    expect((await rig.smsc.deliver(p1)).statuses).toEqual([0]);
    rig.smsc.dropConnections();
    await rig.smsc.waitForBinds(1);
    expect((await rig.smsc.deliver(p2)).statuses).toEqual([0]);
    expect((await oneTicketFrom(rig.gw, '+6281322220001')).text).toBe(LONG);
    const health = await smsHealth(rig.gw.baseUrl);
    expect(health.state).toBe('bound');
    expect(health.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('declares a silent link dead when enquire_link goes unanswered, and binds again', async () => {
    const before = (await smsHealth(rig.gw.baseUrl)).reconnects;
    rig.smsc.setSilent(true);
    await eventually(async () => (await smsHealth(rig.gw.baseUrl)).state !== 'bound');
    rig.smsc.setSilent(false);
    await eventually(async () => {
      const h = await smsHealth(rig.gw.baseUrl);
      return h.state === 'bound' && h.reconnects > before;
    });
    await rig.smsc.deliver({ from: '081322220002', text: 'Setelah koneksi pulih: lampu lalu lintas mati di simpang Dago' });
    await oneTicketFrom(rig.gw, '+6281322220002');
  });

  it('answers malformed PDUs with error statuses and keeps working', async () => {
    const bindsBefore = rig.smsc.bindAttempts.length;
    // An unknown command id.
    const unknown = Buffer.alloc(16);
    unknown.writeUInt32BE(16, 0);
    unknown.writeUInt32BE(0x00000099, 4);
    unknown.writeUInt32BE(0x7ff00001, 12);
    // A deliver_sm whose sm_length runs past the end of the PDU.
    const broken = new PDU('deliver_sm', { sequence_number: 0x7ff00002, source_addr: '081322220003', destination_addr: '1708', data_coding: 0, short_message: Buffer.from('halo') }).toBuffer();
    broken[broken.length - 5] = 200;
    rig.smsc.writeRaw(Buffer.concat([unknown, broken]));
    await eventually(async () => rig.smsc.responses.filter((r) => r.sequence >= 0x7ff00001).length === 2);
    expect(rig.smsc.responses.filter((r) => r.sequence >= 0x7ff00001)).toEqual([
      { command: 'generic_nack', status: 0x03, sequence: 0x7ff00001 },
      { command: 'deliver_sm_resp', status: 0x02, sequence: 0x7ff00002 },
    ]);
    await rig.smsc.deliver({ from: '081322220003', text: 'Masih bisa lapor setelah PDU rusak' });
    await oneTicketFrom(rig.gw, '+6281322220003');
    expect(rig.smsc.bindAttempts.length).toBe(bindsBefore);

    // An impossible command_length: the stream cannot be framed any more, so the link is rebuilt.
    const tooShort = Buffer.from([0, 0, 0, 8, 0, 0, 0, 5, 0, 0, 0, 0]);
    rig.smsc.writeRaw(tooShort);
    await eventually(async () => rig.smsc.bindAttempts.length > bindsBefore && rig.smsc.boundSessions() === 1);
    await rig.smsc.deliver({ from: '081322220004', text: 'Masih bisa lapor setelah panjang PDU salah' });
    await oneTicketFrom(rig.gw, '+6281322220004');
    // Nothing stored from the broken deliver_sm.
    expect((await smsTickets(rig.gw)).filter((t) => t.text === 'halo')).toHaveLength(0);
  });

  it('answers a temporary error when storing fails, and takes the SMSC redelivery', async () => {
    const admin = new Redis(rig.gw.redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'maxmemory', '1');
      setTimeout(() => void admin.config('SET', 'maxmemory', '0'), 1200);
      const result = await rig.smsc.deliver({ from: '081322220005', text: 'Redis penuh saat laporan ini datang' }, { redeliverMs: 500, tries: 20 });
      expect(result.statuses[0]).toBe(0x64);
      expect(result.statuses[result.statuses.length - 1]).toBe(0);
      expect((await oneTicketFrom(rig.gw, '+6281322220005')).text).toBe('Redis penuh saat laporan ini datang');
    } finally {
      await admin.config('SET', 'maxmemory', '0');
      admin.disconnect();
    }
  });
});

describe('binds', () => {
  it('reports a refused bind in /readyz, retries slowly, and binds once the password is right', async () => {
    const smsc = await SmscSimulator.start({ systemId: SYSTEM_ID, password: 'another1' });
    const gw = await startTestGateway({ SMPP_URL: smsc.url(SYSTEM_ID, PASSWORD), ...FAST_SMS_ENV });
    try {
      const health = await eventually(async () => {
        const h = await smsHealth(gw.baseUrl);
        return h.lastError?.includes('ESME_RINVPASWD') ? h : null;
      });
      expect(health.state).not.toBe('bound');
      await eventually(async () => smsc.bindAttempts.length >= 2);
      expect(smsc.bindAttempts.every((a) => !a.accepted)).toBe(true);
      expect(gw.logs.join('')).toContain('SMSC refused the bind');
      expect(gw.logs.join('')).not.toContain(PASSWORD);

      smsc.setPassword(PASSWORD);
      await eventually(async () => (await smsHealth(gw.baseUrl)).state === 'bound');
    } finally {
      await gw.stop();
      await smsc.stop();
    }
  });

  it('works with a transmitter and receiver pair', async () => {
    const rig = await startSmsRig({ SMPP_BIND_TYPE: 'transmitter_receiver' });
    try {
      await rig.smsc.deliver({ from: '081322220010', text: 'Lewat sepasang bind: jembatan kayu di Desa Cikole lapuk' });
      const ticket = await oneTicketFrom(rig.gw, '+6281322220010');
      const [mt] = await mtTo(rig.smsc, '6281322220010');
      expect(mt).toContain(ticket.trackingId);
      expect((await smsHealth(rig.gw.baseUrl)).state).toBe('bound');
    } finally {
      await rig.stop();
    }
  });
});

describe('a gateway restart between two parts', () => {
  it('loses nothing: the second gateway completes the message from the part the first one stored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lapor-sms-restart-'));
    const redis = await startRedisServer({ dir: join(dataDir, 'redis') });
    const smsc = await SmscSimulator.start({ systemId: SYSTEM_ID, password: PASSWORD });
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: redis.url, DATA_DIR: dataDir, JOB_BACKOFF_MS: '50', LOG_LEVEL: 'warn', SMPP_URL: smsc.url(), ...FAST_SMS_ENV });
    const start = () => startGateway(config, ALL_ROLES, channels, createLogger('silent'));
    let gateway: Gateway | null = null;
    try {
      gateway = await start();
      await smsc.waitForBinds(1);
      const [p1, p2] = smsc.multipart('081322220020', LONG, 'udh16', { ref: 4242 });
      if (!p1 || !p2) throw new Error('expected two parts');
      expect((await smsc.deliver(p1)).statuses).toEqual([0]);
      await gateway.stop();
      gateway = null;
      expect(smsc.boundSessions()).toBe(0);

      gateway = await start();
      await smsc.waitForBinds(1);
      expect((await smsc.deliver(p2)).statuses).toEqual([0]);
      const g = gateway;
      const tickets = await eventually(async () => {
        const t = (await g.store.tickets.list({ channel: 'sms' }, 0, 10)).items;
        return t.length > 0 ? t : null;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect((await g.store.tickets.list({ channel: 'sms' }, 0, 10)).items).toHaveLength(1);
      expect(tickets[0]?.text).toBe(LONG);
    } finally {
      await gateway?.stop();
      await smsc.stop();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
