import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Writable } from 'node:stream';
import { channels } from '../../channels';
import { ConfigError, loadConfig } from '../../config/env';
import { startGateway } from '../../src/gateway';
import { createLogger } from '../../src/log/logger';
import { ALL_ROLES } from '../../src/roles';
import { generateTrackingNumber } from '../../src/tickets/trackingNumber';
import { ConsoleClient, createOperator, seedForwardedTicket, seedReviewItem } from '../console/consoleSupport';
import { startTestGateway, type TestGateway } from '../support/testGateway';

/**
 * Agency A against agency B. An agency system's API token reads exactly what a liaison of its own
 * agencies reads in the console; the national office's token reads every ticket, but no token
 * ever returns who sent an anonim or rahasia report. A ticket out of reach answers exactly as a
 * missing one does, so a token cannot even learn that the number exists.
 */
const A = 'pemkot-32.73';
const B = 'pemkot-32.71';
const C = 'pemkab-32.04';
const TOKEN_A = 'kota-bandung-token-0123456789';
const TOKEN_AC = 'bandung-raya-token-0123456789';
const TOKEN_NATIONAL = 'kantor-nasional-token-0123456789';

const RAHASIA_TEXT = 'Kepala dinas meminta uang pelicin Rp5 juta untuk izin usaha saya, saya takut diancam.';
const B_REPORTER = { id: '+6281277770001', name: 'Wulan Pelapor', phone: '+6281277770001' };
const A_ANON = { id: '+6281277770002', name: 'Anto Anonim', phone: '+6281277770002' };
const A_PUBLIC = { id: '+6281277770003', name: 'Putri Publik', phone: '+6281277770003' };

let t: TestGateway;
let ids: { aPublic: string; aAnon: string; aUnverified: string; bRahasia: string; bPublic: string; c: string; parkedKey: string };

const api = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${t.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

async function answer(res: Response): Promise<{ status: number; body: string }> {
  return { status: res.status, body: await res.text() };
}

/** A valid tracking number that no ticket has. */
function missingNumber(): string {
  const taken = new Set(Object.values(ids));
  for (;;) {
    const n = generateTrackingNumber();
    if (!taken.has(n)) return n;
  }
}

beforeAll(async () => {
  t = await startTestGateway({
    API_TOKENS: [`kota-bandung:${TOKEN_A}:${A}`, `bandung-raya:${TOKEN_AC}:${A}+${C}`, `kantor-nasional:${TOKEN_NATIONAL}:*`].join(','),
  });
  const store = t.gateway.store;
  const aPublic = await seedForwardedTicket(store, A, { sender: A_PUBLIC, text: 'Lampu jalan padam di Jl. Dago sejak seminggu.' });
  const aAnon = await seedForwardedTicket(store, A, { privacy: 'anonim', sender: A_ANON, text: 'Sampah menumpuk di pasar Kosambi.' });
  const aUnverified = await seedReviewItem(store, { agency: A, text: 'Laporan yang belum diverifikasi untuk kota Bandung.' });
  const bRahasia = await seedForwardedTicket(store, B, { privacy: 'rahasia', sender: B_REPORTER, text: RAHASIA_TEXT });
  const bPublic = await seedForwardedTicket(store, B, { sender: B_REPORTER, text: 'Jalan berlubang di Jl. Pajajaran Bogor.' });
  const c = await seedForwardedTicket(store, C, { text: 'Jembatan gantung di Kabupaten Bandung rusak.' });
  const parkedKey = `parked-${randomUUID()}`;
  await store.inbox.insert({
    key: parkedKey, channel: 'web', externalId: parkedKey, sender: B_REPORTER, text: RAHASIA_TEXT, attachments: [], fields: {},
    receivedAt: new Date(), raw: {}, fingerprint: parkedKey, trackingId: generateTrackingNumber(), flags: [],
  });
  await store.inbox.markFailed(parkedKey, 'parser crashed', new Date());
  ids = {
    aPublic: aPublic.trackingId, aAnon: aAnon.trackingId, aUnverified: aUnverified.trackingId,
    bRahasia: bRahasia.trackingId, bPublic: bPublic.trackingId, c: c.trackingId, parkedKey,
  };
});
afterAll(async () => {
  await t?.stop();
});

interface Listed {
  items: { trackingId: string; text: string; reporter: { name?: string; phone?: string } | null }[];
  total: number;
}

it("an agency token lists only tickets forwarded to its own agency, not another agency's nor unverified ones", async () => {
  const res = await api(TOKEN_A, '/api/v1/tickets?pageSize=100');
  expect(res.status).toBe(200);
  const listed = (await res.json()) as Listed;
  expect(listed.items.map((i) => i.trackingId).sort()).toEqual([ids.aPublic, ids.aAnon].sort());
  expect(listed.total).toBe(2);
  // Filters narrow the scope, never widen it.
  for (const query of ['status=belum_terverifikasi', 'status=diteruskan&pageSize=100', 'channel=web&pageSize=100', 'q=Pajajaran']) {
    const page = (await (await api(TOKEN_A, `/api/v1/tickets?${query}`)).json()) as Listed;
    expect([query, page.items.filter((i) => ![ids.aPublic, ids.aAnon].includes(i.trackingId))]).toEqual([query, []]);
  }
});

it("an agency token asking for another agency's ticket, or an unverified one, gets exactly the answer for a missing number", async () => {
  const missing = await answer(await api(TOKEN_A, `/api/v1/tickets/${missingNumber()}`));
  expect(missing.status).toBe(404);
  for (const id of [ids.bRahasia, ids.bPublic, ids.c, ids.aUnverified]) {
    expect(await answer(await api(TOKEN_A, `/api/v1/tickets/${id}`))).toEqual(missing);
  }
  expect((await api(TOKEN_A, `/api/v1/tickets/${ids.aPublic}`)).status).toBe(200);
});

it("an agency token never gets the text of another agency's rahasia report, by number or by search", async () => {
  const detail = await (await api(TOKEN_A, `/api/v1/tickets/${ids.bRahasia}`)).text();
  const search = await (await api(TOKEN_A, `/api/v1/tickets?q=${encodeURIComponent('uang pelicin')}&pageSize=100`)).text();
  const all = await (await api(TOKEN_A, '/api/v1/tickets?pageSize=100')).text();
  for (const body of [detail, search, all]) {
    expect(body).not.toContain('uang pelicin');
    expect(body).not.toContain(ids.bRahasia);
  }
});

it('a token scoped to several agencies sees each of them and nothing else', async () => {
  const listed = (await (await api(TOKEN_AC, '/api/v1/tickets?pageSize=100')).json()) as Listed;
  expect(listed.items.map((i) => i.trackingId).sort()).toEqual([ids.aPublic, ids.aAnon, ids.c].sort());
  expect((await api(TOKEN_AC, `/api/v1/tickets/${ids.c}`)).status).toBe(200);
  expect((await api(TOKEN_AC, `/api/v1/tickets/${ids.bPublic}`)).status).toBe(404);
});

it('no token learns who sent an anonim or rahasia report; an agency sees the public reporters of its own tickets only', async () => {
  const anon = await (await api(TOKEN_A, `/api/v1/tickets/${ids.aAnon}`)).json() as { reporter: unknown; text: string };
  expect(anon.reporter).toBeNull();
  expect(JSON.stringify(anon)).not.toMatch(/Anto Anonim|81277770002/);
  const pub = await (await api(TOKEN_A, `/api/v1/tickets/${ids.aPublic}`)).json() as { reporter: { name?: string } | null };
  expect(pub.reporter?.name).toBe('Putri Publik');

  // The national office reads every ticket, rahasia text included, but never the identity behind it.
  const national = (await (await api(TOKEN_NATIONAL, '/api/v1/tickets?pageSize=100')).json()) as Listed;
  expect(national.items.map((i) => i.trackingId)).toEqual(expect.arrayContaining(Object.values(ids).filter((v) => v !== ids.parkedKey)));
  const rahasia = await (await api(TOKEN_NATIONAL, `/api/v1/tickets/${ids.bRahasia}`)).json() as { reporter: unknown; text: string };
  expect(rahasia.text).toBe(RAHASIA_TEXT);
  expect(rahasia.reporter).toBeNull();
  const everything = JSON.stringify(national) + JSON.stringify(rahasia) + JSON.stringify(await (await api(TOKEN_NATIONAL, `/api/v1/tickets/${ids.aAnon}`)).json());
  expect(everything).not.toMatch(/Anto Anonim|81277770002/);
  expect(national.items.find((i) => i.trackingId === ids.bRahasia)?.reporter).toBeNull();
});

it('an agency token can neither list nor retry parked inbox messages; the national token can', async () => {
  const listed = await api(TOKEN_A, '/api/v1/inbox');
  expect(listed.status).toBe(403);
  expect(await listed.text()).not.toContain(ids.parkedKey);
  const retried = await api(TOKEN_A, `/api/v1/inbox/${ids.parkedKey}/retry`, { method: 'POST' });
  expect(retried.status).toBe(403);
  expect((await t.gateway.store.inbox.get(ids.parkedKey))?.state).toBe('failed');
  expect((await api(TOKEN_AC, '/api/v1/inbox')).status).toBe(403);

  const national = await api(TOKEN_NATIONAL, '/api/v1/inbox');
  expect(national.status).toBe(200);
  expect(await national.text()).toContain(ids.parkedKey);
});

it("a liaison asking the console for another agency's ticket gets the same answer as for a missing number", async () => {
  const liaison = await createOperator(t.gateway.store, 'liaison', A);
  const c = new ConsoleClient(t.baseUrl);
  expect((await c.login(liaison.email)).status).toBe(303);
  const missing = missingNumber();
  // The page repeats the number asked for; everything else must be identical.
  const ask = async (path: string, n: string) => {
    const res = await c.get(path.replace('N', n));
    return { status: res.status, location: res.headers.get('location'), body: (await res.text()).split(n).join('N') };
  };
  for (const theirs of [ids.bRahasia, ids.aUnverified]) {
    expect(await ask('/console/tickets?nomor=N', theirs)).toEqual(await ask('/console/tickets?nomor=N', missing));
    expect(await ask('/console/tickets/N', theirs)).toEqual(await ask('/console/tickets/N', missing));
  }
  const page = await (await c.get(`/console/tickets/${ids.bRahasia}`)).text();
  expect(page).not.toContain('uang pelicin');
  // Their own ticket still opens from the search box.
  expect((await c.get(`/console/tickets?nomor=${ids.aPublic}`)).headers.get('location')).toBe(`/console/tickets/${ids.aPublic}`);
});

it("after a re-route, the new agency cannot read a ticket never forwarded to it, and no agency reads an operator's email", async () => {
  const D = 'pdam-32.73';
  const TOKEN_D = 'pdam-bandung-token-0123456789';
  const g = await startTestGateway({ API_TOKENS: [`kota-bandung:${TOKEN_A}:${A}`, `pdam-bandung:${TOKEN_D}:${D}`].join(',') });
  try {
    const store = g.gateway.store;
    const seeded = await seedForwardedTicket(store, A, { text: 'Air PDAM tidak mengalir di Jl. Riau sejak tiga hari.' });
    const id = seeded.trackingId;
    const liaisonA = await createOperator(store, 'liaison', A);
    const liaisonD = await createOperator(store, 'liaison', D);
    const verifier = await createOperator(store, 'verifier');
    const a = new ConsoleClient(g.baseUrl);
    await a.login(liaisonA.email);
    const note = 'Bukan kewenangan Pemkot: urusan air bersih ada di PDAM.';
    const handBack = await a.post(`/console/tickets/${id}/status`, { _csrf: ConsoleClient.token(await (await a.get(`/console/tickets/${id}`)).text()), to: 'bukan_wewenang', note });
    expect(handBack.status).toBe(303);
    const v = new ConsoleClient(g.baseUrl);
    await v.login(verifier.email);
    const edited = await v.post(`/console/tickets/${id}/edit`, {
      _csrf: ConsoleClient.token(await (await v.get(`/console/tickets/${id}`)).text()), title: seeded.ticket.title, category: seeded.ticket.category, agency: D,
    });
    expect(edited.status).toBe(303);
    expect((await store.tickets.get(id))?.agency).toBe(D);

    const d = new ConsoleClient(g.baseUrl);
    await d.login(liaisonD.email);
    const missing = generateTrackingNumber();
    const viaApi = async (n: string) => answer(await fetch(`${g.baseUrl}/api/v1/tickets/${n}`, { headers: { authorization: `Bearer ${TOKEN_D}` } }));
    const viaConsole = async (n: string) => {
      const res = await d.get(`/console/tickets/${n}`);
      return { status: res.status, body: (await res.text()).split(n).join('N') };
    };
    expect(await viaApi(id)).toEqual(await viaApi(missing));
    expect(await viaConsole(id)).toEqual(await viaConsole(missing));

    // The agency that handed it back still reads it, with its note, but no operator's email.
    const own = await fetch(`${g.baseUrl}/api/v1/tickets/${id}`, { headers: { authorization: `Bearer ${TOKEN_A}` } });
    expect(own.status).toBe(200);
    const ownBody = await own.text();
    expect(ownBody).toContain('Bukan kewenangan Pemkot');
    const ownPage = await (await a.get(`/console/tickets/${id}`)).text();
    for (const shown of [ownBody, ownPage]) {
      expect(shown).not.toContain(liaisonA.email);
      expect(shown).not.toMatch(/operator:[^"<\s]*@/);
    }
  } finally {
    await g.stop();
  }
});

it('the console does the same store reads for another agency\'s ticket as for a missing number', async () => {
  const liaison = await createOperator(t.gateway.store, 'liaison', A);
  const c = new ConsoleClient(t.baseUrl);
  await c.login(liaison.email);
  const tickets = t.gateway.store.tickets;
  const reads = async (path: string) => {
    const get = jest.spyOn(tickets, 'get');
    const history = jest.spyOn(tickets, 'history');
    try {
      await c.get(path);
      return { get: get.mock.calls.length, history: history.mock.calls.length };
    } finally {
      get.mockRestore();
      history.mockRestore();
    }
  };
  const missing = missingNumber();
  for (const path of ['/console/tickets?nomor=N', '/console/tickets/N']) {
    expect(await reads(path.replace('N', ids.bRahasia))).toEqual(await reads(path.replace('N', missing)));
  }
});

it("a liaison learns no other agency's ticket number through a shared case or a duplicate link", async () => {
  const store = t.gateway.store;
  const verifier = new ConsoleClient(t.baseUrl);
  await verifier.login((await createOperator(store, 'verifier')).email);
  // Many citizens, one problem, two agencies: the office puts both tickets in one case.
  const theirs = await seedForwardedTicket(store, B, { text: 'Banjir setinggi lutut di underpass Jl. Soekarno-Hatta.' });
  const ours = await seedReviewItem(store, { agency: A, text: 'Banjir di underpass Soekarno-Hatta tiap hujan deras.' });
  const linked = await verifier.post(`/console/review/${encodeURIComponent(ours.reviewId)}/kasus`, { _csrf: await verifier.csrf(), target: theirs.trackingId });
  expect(linked.status).toBe(303);
  await store.tickets.changeStatus({ trackingId: ours.trackingId, from: 'belum_terverifikasi', to: 'terverifikasi', actor: 'operator:seed', note: null, at: new Date() });
  await store.tickets.changeStatus({ trackingId: ours.trackingId, from: 'terverifikasi', to: 'diteruskan', actor: 'operator:seed', note: null, at: new Date() });
  await store.tickets.update(ours.trackingId, { duplicateOf: theirs.trackingId }, new Date());
  const caseId = (await store.tickets.get(ours.trackingId))?.caseId;
  expect(caseId).toBeTruthy();
  expect((await store.tickets.get(theirs.trackingId))?.caseId).toBe(caseId);

  const liaison = new ConsoleClient(t.baseUrl);
  await liaison.login((await createOperator(store, 'liaison', A)).email);
  const page = await liaison.get(`/console/tickets/${ours.trackingId}`);
  expect(page.status).toBe(200);
  const shown = [await page.text(), await (await api(TOKEN_A, `/api/v1/tickets/${ours.trackingId}`)).text(), await (await api(TOKEN_A, '/api/v1/tickets?pageSize=100')).text()];
  for (const body of shown) expect(body).not.toContain(theirs.trackingId);
  expect(shown[0]).toContain(String(caseId));

  // The office still sees both ends of each link.
  const office = await (await verifier.get(`/console/tickets/${ours.trackingId}`)).text();
  expect(office).toContain(theirs.trackingId);
});

it('the OpenAPI document describes the scoped answers: the 404 out of scope, the 403 on the inbox, the inbox page', async () => {
  const doc = (await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, object> };
  };
  expect(Object.keys(doc.paths['/api/v1/inbox']?.get?.responses ?? {})).toContain('403');
  expect(Object.keys(doc.paths['/api/v1/inbox/{key}/retry']?.post?.responses ?? {})).toContain('403');
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const check = (name: string, value: unknown) => {
    const validate = ajv.getSchema(`doc#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name}`);
    if (!validate(value)) throw new Error(`${name}: ${ajv.errorsText(validate.errors)}`);
  };
  check('Error', await (await api(TOKEN_A, `/api/v1/tickets/${ids.bRahasia}`)).json());
  check('Error', await (await api(TOKEN_A, '/api/v1/inbox')).json());
  check('InboxPage', await (await api(TOKEN_NATIONAL, '/api/v1/inbox')).json());
  check('TicketPage', await (await api(TOKEN_A, '/api/v1/tickets')).json());
  check('TicketDetail', await (await api(TOKEN_A, `/api/v1/tickets/${ids.aAnon}`)).json());
});

describe('a token entry the gateway cannot place stops the start', () => {
  const quiet = () => createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

  it('an entry without a scope is refused by name, and the token is never printed', () => {
    const secret = 'no-scope-secret-0123456789';
    let error: unknown;
    try {
      loadConfig({ API_TOKENS: `kota-bandung:${TOKEN_A}:${A},dinas-lama:${secret}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain('dinas-lama');
    expect(String((error as Error).message)).not.toContain(secret);
    expect(String((error as Error).message)).not.toContain(TOKEN_A);
  });

  it('an entry naming an unknown agency is refused by name before anything starts', async () => {
    const secret = 'typo-agency-secret-0123456789';
    const config = loadConfig({ STORE_URL: 'memory://', DATA_DIR: t.dataDir, PORT: '0', API_TOKENS: `kota-bogor:${secret}:pemkot-32.99` });
    const started = startGateway(config, ALL_ROLES, channels, quiet());
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    const message = await started.catch((e: unknown) => String((e as Error).message));
    expect(message).toContain('kota-bogor');
    expect(message).toContain('pemkot-32.99');
    expect(message).not.toContain(secret);
  });
});
