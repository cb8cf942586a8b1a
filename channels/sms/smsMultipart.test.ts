import { eventually } from '../../test/support/testGateway';
import { GAP_MARKER } from './receive/assemble';
import type { MoMessage } from './simulator/smscSimulator';
import { oneTicketFrom, smsTickets, startSmsRig, type SmsRig } from './testSupport';

const LONG_GSM =
  'Selamat siang. Saya warga RT 03 RW 07 Kelurahan Sukajadi ingin melaporkan jalan berlubang di depan ' +
  'SDN 3 yang sudah tiga minggu tidak diperbaiki. Sudah dua pengendara motor jatuh minggu ini, salah satunya ' +
  'anak sekolah. Mohon segera ditindaklanjuti oleh Dinas PU {Bina Marga}, terima kasih banyak.';
const LONG_UCS2 =
  'Banjir setinggi lutut 🌊🌊 di Perumahan Griya Asri blok C sejak subuh, air masuk ke rumah warga 😢. ' +
  'Saluran air di ujung gang tersumbat sampah dan belum pernah dikeruk.';

async function deliverAll(rig: SmsRig, parts: MoMessage[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const part of parts) statuses.push(...(await rig.smsc.deliver(part)).statuses);
  return statuses;
}

function at<T>(list: T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

describe('concatenated SMS become one message', () => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig();
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('joins parts with an 8-bit reference UDH, with another IE beside it', async () => {
    const parts = rig.smsc.multipart('081311110001', LONG_GSM, 'udh8', { extraIe: Buffer.from([0x0a, 0x03, 0x00, 0x10, 0x00]) });
    expect(parts.length).toBeGreaterThan(1);
    expect(await deliverAll(rig, parts)).toEqual(parts.map(() => 0));
    expect((await oneTicketFrom(rig.gw, '+6281311110001')).text).toBe(LONG_GSM);
  });

  it('joins UCS2 parts with a 16-bit reference UDH (emoji intact)', async () => {
    const parts = rig.smsc.multipart('081311110002', LONG_UCS2, 'udh16', { dataCoding: 8, ref: 0xbeef });
    expect(parts.length).toBeGreaterThan(1);
    await deliverAll(rig, parts);
    expect((await oneTicketFrom(rig.gw, '+6281311110002')).text).toBe(LONG_UCS2);
  });

  it('joins parts described by sar_* TLVs', async () => {
    const parts = rig.smsc.multipart('081311110003', LONG_GSM, 'sar', { ref: 0x1234 });
    await deliverAll(rig, parts);
    expect((await oneTicketFrom(rig.gw, '+6281311110003')).text).toBe(LONG_GSM);
  });

  it('joins parts that arrive out of order and twice', async () => {
    const parts = rig.smsc.multipart('081311110004', LONG_GSM, 'udh8');
    expect(parts).toHaveLength(2);
    const [p1, p2] = [at(parts, 0), at(parts, 1)];
    expect(await deliverAll(rig, [p2, p2, p1, p2, p1])).toEqual([0, 0, 0, 0, 0]);
    expect((await oneTicketFrom(rig.gw, '+6281311110004')).text).toBe(LONG_GSM);
  });

  it('keeps interleaved senders using the same reference apart', async () => {
    const a = rig.smsc.multipart('081311110005', LONG_GSM, 'udh8', { ref: 7 });
    const b = rig.smsc.multipart('081311110006', LONG_UCS2, 'udh8', { ref: 7, dataCoding: 8 });
    const interleaved: MoMessage[] = [];
    const bReversed = [...b].reverse();
    for (let i = 0; i < Math.max(a.length, b.length); i++) interleaved.push(...[a[i], bReversed[i]].filter((p) => p !== undefined));
    await deliverAll(rig, interleaved);
    expect((await oneTicketFrom(rig.gw, '+6281311110005')).text).toBe(LONG_GSM);
    expect((await oneTicketFrom(rig.gw, '+6281311110006')).text).toBe(LONG_UCS2);
  });

  it('takes a reused reference after the first message completed as a new message', async () => {
    const first = rig.smsc.multipart('081311110007', LONG_GSM, 'udh8', { ref: 9 });
    await deliverAll(rig, first);
    await oneTicketFrom(rig.gw, '+6281311110007');
    const second = rig.smsc.multipart('081311110007', LONG_UCS2, 'udh8', { ref: 9, dataCoding: 8 });
    await deliverAll(rig, second);
    const texts = await eventually(async () => {
      const mine = (await smsTickets(rig.gw)).filter((t) => t.reporter.id === '+6281311110007').map((t) => t.text);
      return mine.length === 2 ? mine.sort() : null;
    });
    expect(texts).toEqual([LONG_GSM, LONG_UCS2].sort());
  });
});

describe('a concatenated SMS whose parts never all arrive', () => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig({ SMS_MULTIPART_TIMEOUT_SECONDS: '2' });
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('is taken in after the timeout with what arrived, flagged incomplete', async () => {
    const parts = rig.smsc.multipart('081311119999', `${LONG_GSM} ${LONG_GSM}`, 'udh8');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    await deliverAll(rig, parts.filter((_, i) => i !== 1));
    const ticket = await oneTicketFrom(rig.gw, '+6281311119999');
    expect(ticket.text).toContain(GAP_MARKER.trim());
    expect(ticket.text.startsWith(LONG_GSM.slice(0, 100))).toBe(true);
    const message = await rig.gw.gateway.store.inbox.get(ticket.sourceKey);
    expect(message?.flags).toEqual(['incomplete']);

    // The missing part arriving after the set was taken in is not merged into it (that message is
    // stored and answered); acknowledged, it is taken in on its own, flagged incomplete for review.
    // Whether dedup then files it as a follow-up of the citizen's open ticket or as a report of its
    // own is the inbound worker's call; the SMS channel's promise is that it is stored on its own.
    expect((await rig.smsc.deliver(at(parts, 1))).statuses).toEqual([0]);
    const store = rig.gw.gateway.store;
    const late = await eventually(async () => {
      const other = (await smsTickets(rig.gw)).find((t) => t.reporter.id === '+6281311119999' && t.trackingId !== ticket.trackingId);
      if (other) return store.inbox.get(other.sourceKey);
      return (await store.inbox.listForTicket(ticket.trackingId)).find((m) => m.key !== ticket.sourceKey) ?? null;
    });
    expect((await store.tickets.get(ticket.trackingId))?.text).toBe(ticket.text);
    expect(late.text.startsWith('[...]')).toBe(true);
    expect(late.flags).toEqual(['incomplete']);
  });
});
