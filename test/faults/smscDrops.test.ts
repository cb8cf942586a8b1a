import { SmscSimulator, type MoMessage } from '../../channels/sms/simulator/smscSimulator';
import { FAST_SMS_ENV, PASSWORD, SYSTEM_ID } from '../../channels/sms/testSupport';
import type { Store } from '../../src/store/types';
import { printLedger, settledLedger } from '../support/ledger';
import { faultTest, startFaultRig, until, waitReady, type FaultRig } from './faultHarness';

/**
 * The SMSC link breaks while the built gateway (a child process) is busy: in the middle of a
 * concatenated MO message, and in the middle of a burst of replies. The simulator keeps
 * redelivering an MO until the gateway answers ESME_ROK, as an SMSC does. Every message must end
 * as one ticket with one reply, and every phone must receive its reply exactly once.
 * channels/sms/smsSession.test.ts proves each reconnect on its own (and a gateway restart between
 * two parts); this run keeps the books under load.
 */
const SINGLES = 40;
const MULTIPARTS = 6;

let rig: FaultRig | null = null;
let smsc: SmscSimulator | null = null;
afterAll(async () => {
  await rig?.stop();
  await smsc?.stop();
});

/** Delivers until the gateway acknowledges, waiting out dropped links like an SMSC's retry queue. */
async function deliverUntilAcknowledged(s: SmscSimulator, message: MoMessage): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    try {
      const { statuses } = await s.deliver(message);
      if (statuses[0] === 0) return;
    } catch {
      // link down: the SMSC queues and retries
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`MO from ${message.from} never acknowledged`);
}

async function smsKeysByPhone(store: Store): Promise<Map<string, string[]>> {
  const later = new Date(Date.now() + 3_600_000);
  const records = (await Promise.all((['received', 'processed', 'failed'] as const).map((state) => store.inbox.listByState(state, later, 10_000)))).flat();
  const byPhone = new Map<string, string[]>();
  for (const r of records.filter((m) => m.channel === 'sms')) byPhone.set(r.sender.id, [...(byPhone.get(r.sender.id) ?? []), r.key]);
  return byPhone;
}

faultTest('the SMSC link drops mid multipart and mid reply burst: one ticket and one SMS each', async () => {
  smsc = await SmscSimulator.start({ systemId: SYSTEM_ID, password: PASSWORD });
  const s = smsc;
  rig = await startFaultRig('smsc', { SMPP_URL: s.url(), ...FAST_SMS_ENV, OUTBOUND_CONCURRENCY: '10' });
  const r = rig;
  r.spawn([]);
  await waitReady(r);
  await s.waitForBinds(1);

  const phone = (i: number) => `0813777${String(i).padStart(5, '0')}`;
  const e164 = (local: string) => `62${local.slice(1)}`;
  const text = (i: number) => `Laporan SMS ${i}: lampu jalan di gang ${i} RT ${i % 9} mati sejak minggu lalu.`;

  // A concatenated message cut off after its first part; the rest arrives on the new link.
  const long = (i: number) => `${text(i)} ${'Warga sudah lapor ke kelurahan tapi belum ada tindakan sama sekali. '.repeat(3)}`;
  for (let m = 0; m < MULTIPARTS; m++) {
    const parts = s.multipart(phone(SINGLES + m), long(SINGLES + m), 'udh8');
    await deliverUntilAcknowledged(s, parts[0]!);
    if (m % 2 === 0) s.dropConnections();
    for (const part of parts.slice(1)) await deliverUntilAcknowledged(s, part);
  }

  // A burst: every reply is queued at once; the link drops twice while they go out.
  await Promise.all(Array.from({ length: SINGLES }, (_, i) => deliverUntilAcknowledged(s, { from: phone(i), text: text(i) })));
  await until(() => s.submitted.length >= 5, 60_000, 'first replies of the burst');
  s.dropConnections();
  await until(() => s.submitted.length >= 20, 60_000, 'more replies after the reconnect');
  s.dropConnections();

  const phones = Array.from({ length: SINGLES + MULTIPARTS }, (_, i) => `+${e164(phone(i))}`);
  const store = await r.store();
  await until(() => phones.every((p) => s.messagesTo(p.slice(1)).length >= 1), 90_000, 'a reply on every phone');
  // Time for a resent part or reply to show up at the SMSC had one been resent.
  await new Promise((res) => setTimeout(res, 2_000));

  const byPhone = await smsKeysByPhone(store);
  const keys = phones.flatMap((p) => byPhone.get(p) ?? []);
  const sends = new Map(phones.map((p) => [byPhone.get(p)?.[0] ?? p, s.messagesTo(p.slice(1)).length]));
  const [ledger] = printLedger(await settledLedger('SMSC drops (multipart + reply burst)', store, keys, { platformSendsByKey: sends }));
  expect(phones.filter((p) => (byPhone.get(p) ?? []).length !== 1)).toEqual([]);
  const total = SINGLES + MULTIPARTS;
  expect(ledger).toMatchObject({ acknowledged: total, processed: total, tickets: total, platformSends: total, differences: 0 });
  // Each multipart came in whole, not as pieces flagged incomplete.
  for (let m = 0; m < MULTIPARTS; m++) {
    const [key] = byPhone.get(phones[SINGLES + m]!) ?? [];
    expect((await store.inbox.get(key ?? ''))?.flags).toEqual([]);
  }
}, 240_000);
