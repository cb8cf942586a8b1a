import { PermanentSendError } from '../../src/channels/channel';
import type { Reply } from '../../src/store/types';
import { eventually } from '../../test/support/testGateway';
import { smsChannel } from '.';
import { SmsRetryableError } from './send/smsSender';
import type { SimulatorOptions } from './simulator/smscSimulator';
import { mtTo, oneTicketFrom, repliesOf, startSmsRig, type SmsRig } from './testSupport';

function reply(id: string, phone: string, text: string): Reply {
  const now = new Date();
  return {
    id,
    trackingId: null,
    messageKey: null,
    channel: 'sms',
    recipient: { id: phone, phone },
    text,
    language: 'id',
    event: 'test',
    createdAt: now,
    status: 'queued',
    providerId: null,
    error: null,
    attempts: 0,
    sentAt: null,
    updatedAt: now,
  };
}

const LONG_UCS2 = `Balasan panjang dengan emoji 🙏 ${'Terima kasih atas laporan Anda, petugas akan segera datang ke lokasi 🚒. '.repeat(4)}`;

describe('sending replies', () => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig();
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('splits a long UCS2 reply into concatenated parts that join to the exact text', async () => {
    const result = await smsChannel.send(reply('test:long', '+6281344440001', LONG_UCS2), rig.gw.gateway.ctx);
    expect(result.status).toBe('sent');
    const parts = rig.smsc.submitted.filter((s) => s.destination === '6281344440001');
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => p.dataCoding === 8 && p.concat !== null)).toBe(true);
    expect(result.providerId).toBe(parts[0]?.messageId);
    expect(rig.smsc.messagesTo('6281344440001')).toEqual([LONG_UCS2]);
  });

  it('after a partial success, a retried send submits only the parts still missing', async () => {
    rig.smsc.refuseNext(1, 0x08, 1);
    const r = reply('test:partial', '+6281344440002', LONG_UCS2);
    await expect(smsChannel.send(r, rig.gw.gateway.ctx)).rejects.toBeInstanceOf(SmsRetryableError);
    expect(rig.smsc.submitted.filter((s) => s.destination === '6281344440002')).toHaveLength(1);
    await smsChannel.send(r, rig.gw.gateway.ctx);
    const parts = rig.smsc.submitted.filter((s) => s.destination === '6281344440002');
    expect(parts.map((p) => p.concat?.seq)).toEqual(parts.map((_, i) => i + 1));
    expect(rig.smsc.messagesTo('6281344440002')).toEqual([LONG_UCS2]);
  });

  it('marks a reply failed when the SMSC refuses it for good (invalid destination)', async () => {
    rig.smsc.refuseNext(1, 0x0b);
    const refused = smsChannel.send(reply('test:refused', '+6281344440003', 'Halo'), rig.gw.gateway.ctx);
    await expect(refused).rejects.toBeInstanceOf(PermanentSendError);
    await expect(refused).rejects.toThrow(/ESME_RINVDSTADR/);
    await expect(smsChannel.send(reply('test:not-a-phone', 'budi', 'Halo'), rig.gw.gateway.ctx)).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('sends every reply of a burst exactly once, in part order, through throttling', async () => {
    rig.smsc.throttleNext(6);
    const phones = Array.from({ length: 6 }, (_, i) => `08134444010${i}`);
    await Promise.all(phones.map((from, i) => rig.smsc.deliver({ from, text: `Laporan ke-${i}: got mampet di gang ${i}` })));
    for (const from of phones) {
      const e164 = `+62${from.slice(1)}`;
      const ticket = await oneTicketFrom(rig.gw, e164);
      const [mt, ...more] = await mtTo(rig.smsc, e164.slice(1));
      expect(more).toEqual([]);
      expect(mt).toContain(ticket.trackingId);
      const parts = rig.smsc.submitted.filter((s) => s.destination === e164.slice(1));
      expect(parts.map((p) => p.concat?.seq ?? 1)).toEqual(parts.map((_, i) => i + 1));
    }
    expect(rig.smsc.throttled).toBe(6);
  });
});

describe.each<[string, Partial<SimulatorOptions>]>([
  ['TLV receipts, hex ids quoted as zero-padded decimal', { messageIds: 'hex', receiptIds: 'decimal', receipts: 'tlv' }],
  ['text receipts, decimal ids quoted as hex, sent before the submit_sm_resp', { messageIds: 'decimal', receiptIds: 'hex', receipts: 'text', receiptBeforeResp: true }],
])('delivery receipts: %s', (_label, simulator) => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig({}, simulator);
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('mark the reply delivered when every part is, and never become a ticket', async () => {
    await rig.smsc.deliver({ from: '081355550001', text: 'Pohon tumbang menutup jalan di Jl. Setiabudi' });
    const ticket = await oneTicketFrom(rig.gw, '+6281355550001');
    const [r] = await eventually(async () => {
      const list = await repliesOf(rig.gw, ticket.trackingId);
      return list[0]?.status === 'delivered' ? list : null;
    });
    expect(r?.providerId).toBeTruthy();
    // Only the one ticket: receipts came in as deliver_sm but are not complaints.
    const all = (await rig.gw.gateway.store.tickets.list({ channel: 'sms' }, 0, 50)).items;
    expect(all).toHaveLength(1);
  });

  it('mark the reply failed when a part is undeliverable', async () => {
    rig.smsc.markUndeliverable('6281355550002');
    await rig.smsc.deliver({ from: '081355550002', text: 'Air PDAM keruh dan berbau sejak kemarin' });
    const ticket = await oneTicketFrom(rig.gw, '+6281355550002');
    const [r] = await eventually(async () => {
      const list = await repliesOf(rig.gw, ticket.trackingId);
      return list[0]?.status === 'failed' ? list : null;
    });
    expect(r?.error).toMatch(/UNDELIV/);
  });
});
