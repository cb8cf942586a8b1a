import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../redis/redisServer';
import { openStore } from '../store/openStore';
import type { Store } from '../store/types';
import { generateTrackingNumber } from '../tickets/trackingNumber';
import { CaseIds } from './caseIds';
import { DAY_MS, loadDedupConfig } from './dedupConfig';
import { DedupEngine, type DedupDecision, type DedupInput } from './dedupEngine';
import { senderIdentities } from './senderIdentities';

const T0 = new Date('2025-03-03T02:00:00Z');
const HOUR = 60 * 60 * 1000;
const BANDUNG = '32.73.01';
const BANDUNG_OTHER_DISTRICT = '32.73.05';
const BOGOR = '32.01';
const CASE_IDS = new CaseIds('dedup-engine-test');

let dir: string;
let server: RedisServerHandle;
let redis: Redis;
let store: Store;
let engine: DedupEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dedup-engine-'));
  server = await startRedisServer({ dir, appendOnly: false });
  redis = new Redis(server.url);
  store = await openStore('memory://', dir);
});

afterAll(async () => {
  redis.disconnect();
  await store.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await redis.flushdb();
  engine = new DedupEngine(redis, store, loadDedupConfig(), CASE_IDS);
});

let seq = 0;
function message(over: Partial<DedupInput> & { text: string }): DedupInput {
  seq++;
  return {
    messageKey: `m${seq}`,
    senderIds: ['sms:+6281234567001', 'tel:+6281234567001'],
    channel: 'sms',
    normalizedText: '',
    intent: 'complaint',
    category: 'jalan_jembatan',
    regionCode: BANDUNG,
    receivedAt: T0,
    ...over,
  };
}

/** What the worker does with a decision that makes a ticket: store it, then index it. */
async function fileTicket(input: DedupInput, decision?: DedupDecision): Promise<string> {
  const caseId = decision?.kind === 'cluster' ? decision.caseId : null;
  const { ticket } = await store.tickets.create({
    trackingId: generateTrackingNumber(),
    sourceKey: input.messageKey,
    channel: input.channel,
    reporter: { id: input.senderIds[0]!.slice(input.senderIds[0]!.indexOf(':') + 1) },
    title: input.text.slice(0, 60),
    text: input.text,
    category: input.category,
    location: null,
    occurredAt: null,
    privacy: 'public',
    language: 'id',
    status: 'belum_terverifikasi',
    createdAt: input.receivedAt,
    verifyDueAt: input.receivedAt,
    actor: 'test',
    agency: null,
    regionCode: input.regionCode,
    caseId,
    duplicateOf: null,
  });
  await engine.remember({ ...input, trackingId: ticket.trackingId, caseId });
  if (caseId && decision?.trackingId) await engine.attachCase(decision.trackingId, caseId);
  return ticket.trackingId;
}

const POTHOLE = 'Jalan di depan SDN 3 Cibeunying berlubang besar sudah dua minggu, sudah ada motor jatuh. Mohon segera diperbaiki.';

describe('same sender', () => {
  it('answers a resend with the ticket it already made', async () => {
    const first = await fileTicket(message({ text: POTHOLE }));
    const d = await engine.check(message({ text: `${POTHOLE}  `.toUpperCase(), receivedAt: new Date(T0.getTime() + 5 * 60_000) }));
    expect(d).toMatchObject({ kind: 'duplicate', trackingId: first, similarity: 1 });
    expect(d.reasons.join(' ')).toContain('the same text');
  });

  it('treats a typo fix as a duplicate', async () => {
    const first = await fileTicket(message({ text: POTHOLE }));
    const fixed = POTHOLE.replace('berlubang', 'berlubang sangat').replace('Cibeunying', 'Cibeunying Kaler');
    const d = await engine.check(message({ text: fixed, receivedAt: new Date(T0.getTime() + HOUR) }));
    expect(d.kind).toBe('duplicate');
    expect(d.trackingId).toBe(first);
    expect(d.similarity).toBeGreaterThanOrEqual(0.6);
    expect(d.similarity).toBeLessThan(1);
  });

  it('decides the same text from a form that only typed the phone as for any other number, with an advisory for operators', async () => {
    const first = await fileTicket(message({ text: POTHOLE }));
    const web = (phone: string) =>
      message({
        text: `Yth Admin, ${POTHOLE}`,
        channel: 'web',
        senderIds: senderIdentities('web', { id: 'web:session-77', phone }),
        receivedAt: new Date(T0.getTime() + 2 * HOUR),
      });
    const { advisory, ...decision } = await engine.check(web('0812 3456 7001'));
    expect(decision).toEqual(await engine.check(web('0813 9999 0000')));
    expect(decision.kind).not.toMatch(/^(duplicate|followup)$/);
    expect(advisory).toMatchObject({ trackingId: first });
    expect(advisory?.reasons[0]).toMatch(/^possible duplicate of \d{10}: a typed tel matches .*not verified/);
    expect(advisory?.reasons.join(' ')).not.toContain('+6281234567001');
  });

  it('sends the same text naming another regency to review instead of merging it', async () => {
    const first = await fileTicket(message({ text: POTHOLE }));
    const d = await engine.check(message({ text: POTHOLE, regionCode: BOGOR, receivedAt: new Date(T0.getTime() + HOUR) }));
    expect(d.kind).toBe('review');
    expect(d.trackingId).toBe(first);
    expect(d.reasons[0]).toMatch(/^possible duplicate of \d{10}: .*another place/);
  });

  it('sends a partly similar text of the same sender to review', async () => {
    const first = await fileTicket(message({ text: POTHOLE }));
    const partly = 'Jalan di depan SDN 3 Cibeunying berlubang besar sudah dua minggu, sekarang tergenang air hujan.';
    const d = await engine.check(message({ text: partly, receivedAt: new Date(T0.getTime() + 3 * HOUR) }));
    expect(d.kind).toBe('review');
    expect(d.trackingId).toBe(first);
    expect(d.similarity).toBeGreaterThanOrEqual(0.35);
    expect(d.similarity).toBeLessThan(0.6);
  });

  it('files an unrelated complaint of the same sender as new', async () => {
    await fileTicket(message({ text: POTHOLE }));
    const d = await engine.check(message({ text: 'Sampah di TPS Pasar Kosambi tidak diangkut seminggu, bau sekali.', category: 'sampah_lingkungan', receivedAt: new Date(T0.getTime() + HOUR) }));
    expect(d).toMatchObject({ kind: 'new', trackingId: null });
  });
});

describe('follow-ups', () => {
  it('appends additions to the sender’s latest open ticket', async () => {
    await fileTicket(message({ text: 'Lampu PJU di Jl. Riau mati total sudah seminggu.', category: 'penerangan_jalan' }));
    const latest = await fileTicket(message({ text: POTHOLE, receivedAt: new Date(T0.getTime() + HOUR) }));
    for (const text of ['tambahan: lubangnya makin lebar setelah hujan tadi malam', 'Lokasinya di depan warung bu Eti, sebelah SDN 3', 'laporan saya tadi belum dijawab, mohon dicek']) {
      const d = await engine.check(message({ text, receivedAt: new Date(T0.getTime() + 2 * HOUR), category: 'lainnya', regionCode: null }));
      expect(d).toMatchObject({ kind: 'followup', trackingId: latest });
    }
    const photo = await engine.check(message({ text: '', attachmentCount: 1, receivedAt: new Date(T0.getTime() + 2 * HOUR) }));
    expect(photo).toMatchObject({ kind: 'followup', trackingId: latest });
    expect(photo.reasons[0]).toContain('photo');
    const byParser = await engine.check(message({ text: 'sekarang sudah ada korban', intent: 'followup', receivedAt: new Date(T0.getTime() + 2 * HOUR) }));
    expect(byParser).toMatchObject({ kind: 'followup', trackingId: latest });
  });

  it('does not append to a closed ticket', async () => {
    const only = await fileTicket(message({ text: POTHOLE }));
    await store.tickets.changeStatus({ trackingId: only, from: 'belum_terverifikasi', to: 'diarsipkan', actor: 'test', note: 'dobel', at: T0 });
    const d = await engine.check(message({ text: 'tambahan: sekarang ada dua lubang', receivedAt: new Date(T0.getTime() + HOUR) }));
    expect(d.kind).toBe('new');
    expect(d.reasons.join(' ')).toContain('no open ticket');
  });

  it('decides an addition that only claims the reporter’s phone as for any other number, never appending it', async () => {
    const hers = await fileTicket(message({ text: POTHOLE, channel: 'web', senderIds: senderIdentities('web', { id: 'web:form-1', phone: '081234567001' }) }));
    const addition = (phone: string) =>
      message({
        text: 'tambahan: lokasinya di depan pasar',
        channel: 'mobile',
        senderIds: senderIdentities('mobile', { id: 'app:key-2', phone }),
        category: 'lainnya',
        regionCode: null,
        receivedAt: new Date(T0.getTime() + HOUR),
      });
    const { advisory, ...decision } = await engine.check(addition('+6281234567001'));
    expect(decision).toEqual(await engine.check(addition('+6281399990000')));
    expect(decision).toMatchObject({ kind: 'new', trackingId: null });
    expect(advisory).toMatchObject({ trackingId: hers });
    expect(advisory?.reasons[0]).toMatch(/^possible follow-up of \d{10} .*typed in, not verified/);
  });

  it('keeps tickets that only claimed her number out of a verified sender’s decision', async () => {
    const claimed = await fileTicket(message({ text: POTHOLE, channel: 'web', senderIds: senderIdentities('web', { id: 'web:form-9', phone: '081234567001' }) }));
    const d = await engine.check(message({ text: POTHOLE, senderIds: ['sms:+6281234567001', 'tel:+6281234567001'], receivedAt: new Date(T0.getTime() + HOUR) }));
    expect(d.kind).not.toMatch(/^(duplicate|followup|review)$/);
    expect(d.advisory).toMatchObject({ trackingId: claimed });
  });

  it('does not take another citizen’s ticket as theirs', async () => {
    await fileTicket(message({ text: POTHOLE }));
    const d = await engine.check(message({ text: 'tambahan: lokasinya dekat SDN 3', senderIds: ['sms:+6281299990000', 'tel:+6281299990000'], receivedAt: new Date(T0.getTime() + HOUR) }));
    expect(d.kind).toBe('new');
  });
});

describe('cases of many citizens', () => {
  const citizen = (n: number) => [`sms:+62812000000${n}`, `tel:+62812000000${n}`];

  it('links reports of one problem into one case and keeps the tickets apart', async () => {
    const first = await fileTicket(message({ text: POTHOLE, senderIds: citizen(1) }));
    const second = message({ text: 'Lubang besar di jalan depan SDN 3 Cibeunying, bahaya buat pengendara motor, tolong diperbaiki', senderIds: citizen(2), regionCode: '32.73.01.1003', receivedAt: new Date(T0.getTime() + 4 * HOUR) });
    const d2 = await engine.check(second);
    expect(d2).toMatchObject({ kind: 'cluster', trackingId: first, caseId: CASE_IDS.for(first) });
    const secondId = await fileTicket(second, d2);
    expect(secondId).not.toBe(first);

    const third = message({ text: 'jalan berlubang depan SDN 3 Cibeunying sudah 2 minggu belum diperbaiki', senderIds: citizen(3), receivedAt: new Date(T0.getTime() + 6 * HOUR) });
    const d3 = await engine.check(third);
    expect(d3.kind).toBe('cluster');
    expect(d3.caseId).toBe(CASE_IDS.for(first));
  });

  it('keeps apart the same words about another category or another district', async () => {
    await fileTicket(message({ text: POTHOLE, senderIds: citizen(1) }));
    const otherCategory = await engine.check(message({ text: POTHOLE.replace('berlubang besar', 'lampunya mati'), category: 'penerangan_jalan', senderIds: citizen(2) }));
    expect(otherCategory.kind).not.toBe('cluster');
    const otherDistrict = await engine.check(message({ text: 'Jalan di depan SDN 3 Cicadas berlubang besar', regionCode: BANDUNG_OTHER_DISTRICT, senderIds: citizen(3) }));
    expect(otherDistrict.kind).toBe('new');
  });

  it('asks a person when another sender sends nearly the same text and the place is unknown', async () => {
    const first = await fileTicket(message({ text: POTHOLE, senderIds: citizen(1), regionCode: null, category: 'lainnya' }));
    const d = await engine.check(message({ text: POTHOLE, senderIds: ['twitter:998877'], channel: 'twitter', regionCode: null, category: 'lainnya' }));
    expect(d).toMatchObject({ kind: 'review', trackingId: first });
    expect(d.reasons[0]).toContain(`possible duplicate of ${first}`);
  });
});

describe('windows', () => {
  it('lets a resend after the duplicate window become a new ticket', async () => {
    await fileTicket(message({ text: POTHOLE }));
    const late = await engine.check(message({ text: POTHOLE, receivedAt: new Date(T0.getTime() + 8 * DAY_MS) }));
    expect(late.kind).toBe('new');
    const inTime = await engine.check(message({ text: POTHOLE, receivedAt: new Date(T0.getTime() + 6 * DAY_MS) }));
    expect(inTime.kind).toBe('duplicate');
  });

  it('stops linking cases after the cluster window', async () => {
    await fileTicket(message({ text: POTHOLE, senderIds: ['sms:1'] }));
    const other = (days: number) => message({ text: 'Jalan depan SDN 3 Cibeunying berlubang besar, bahaya', senderIds: ['sms:2'], receivedAt: new Date(T0.getTime() + days * DAY_MS) });
    expect((await engine.check(other(13))).kind).toBe('cluster');
    expect((await engine.check(other(15))).kind).toBe('new');
  });

  it('trims old entries out of the sorted sets when new ones are written', async () => {
    await fileTicket(message({ text: POTHOLE }));
    await fileTicket(message({ text: 'Sampah menumpuk di pinggir Sungai Cikapundung', category: 'sampah_lingkungan', receivedAt: new Date(T0.getTime() + 20 * DAY_MS) }));
    expect(await redis.zcard('{lapor}:dedup:s:tel:+6281234567001')).toBe(1);
  });
});

describe('concurrency', () => {
  it('lets only one of two workers handling the same message at once make a ticket', async () => {
    const input = message({ text: POTHOLE });
    const other = new DedupEngine(redis, store, loadDedupConfig(), CASE_IDS);
    const work = (e: DedupEngine, key: string) =>
      e.withSenderLock(input.senderIds, async () => {
        const d = await e.check({ ...input, messageKey: key });
        if (d.kind === 'new') {
          await new Promise((r) => setTimeout(r, 30)); // the ticket insert and indexing take time
          return { d, ticket: await fileTicket({ ...input, messageKey: key }) };
        }
        return { d, ticket: d.trackingId };
      });
    const [a, b] = await Promise.all([work(engine, 'copy-a'), work(other, 'copy-b')]);
    expect([a.d.kind, b.d.kind].sort()).toEqual(['duplicate', 'new']);
    expect(a.ticket).toBe(b.ticket);
  });
});

describe('scale', () => {
  it('compares only bucket and block candidates among 20k indexed tickets', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `kata${i.toString(36)}`);
    let rnd = 42;
    const next = () => ((rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0) % words.length);
    const randomText = () => Array.from({ length: 12 }, () => words[next()]).join(' ');
    const categories = ['jalan_jembatan', 'air_bersih', 'listrik', 'sampah_lingkungan', 'kesehatan'];
    const total = 20_000;
    for (let start = 0; start < total; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, total - start) }, (_, j) => {
          const i = start + j;
          return engine.remember({
            ...message({ text: randomText(), senderIds: [`sms:bulk${i}`], category: categories[i % 5]!, regionCode: `3${i % 9}.${10 + (i % 40)}` }),
            receivedAt: new Date(T0.getTime() + (i % 1000) * 60_000),
            trackingId: `9${String(i).padStart(9, '0')}`,
            caseId: null,
          });
        }),
      );
    }
    const planted = 'Pipa PDAM bocor di Jl. Cihampelas dekat Ciwalk, air meluber ke jalan sejak subuh';
    await engine.remember({ ...message({ text: planted, senderIds: ['sms:planted'], category: 'lainnya', regionCode: null }), trackingId: '8000000000', caseId: null });

    const before = { ...engine.stats };
    for (let i = 0; i < 50; i++) await engine.check(message({ text: randomText(), senderIds: [`sms:probe${i}`], category: categories[i % 5]!, regionCode: `3${i % 9}.${10 + (i % 40)}`, receivedAt: new Date(T0.getTime() + DAY_MS) }));
    const perCheck = (engine.stats.candidatesExamined - before.candidatesExamined) / (engine.stats.checks - before.checks);
    // Random texts share no bucket: what is compared is the probe's category-place block (~55 of the 20k).
    expect(perCheck).toBeLessThan(100);

    const examinedBefore = engine.stats.candidatesExamined;
    const found = await engine.check(message({ text: `${planted}!!`, senderIds: ['twitter:55'], channel: 'twitter', category: 'lainnya', regionCode: null, receivedAt: new Date(T0.getTime() + DAY_MS) }));
    expect(found).toMatchObject({ kind: 'review', trackingId: '8000000000' });
    // Without a category and place only the LSH buckets answer: the planted ticket and hardly anything else.
    expect(engine.stats.candidatesExamined - examinedBefore).toBeLessThan(5);
  }, 180_000);
});

describe('rebuild', () => {
  it('re-indexes the stored tickets after Redis lost its data', async () => {
    const first = await fileTicket(message({ text: POTHOLE, receivedAt: new Date(T0.getTime() + 30 * DAY_MS) }));
    await redis.flushdb();
    const lost = await engine.check(message({ text: POTHOLE, receivedAt: new Date(T0.getTime() + 30 * DAY_MS + HOUR) }));
    expect(lost.kind).toBe('new');
    const count = await engine.rebuild((t) => t.text, new Date(T0.getTime() + 30 * DAY_MS + HOUR));
    expect(count).toBeGreaterThanOrEqual(1);
    const again = await engine.check(message({ text: POTHOLE, receivedAt: new Date(T0.getTime() + 30 * DAY_MS + HOUR) }));
    expect(again).toMatchObject({ kind: 'duplicate', trackingId: first });
  });
});
