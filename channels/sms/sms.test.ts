import { eventually } from '../../test/support/testGateway';
import { mtTo, oneTicketFrom, repliesOf, smsTickets, startSmsRig, type SmsRig } from './testSupport';

describe('SMS 1708 over SMPP: a citizen texts, gets a ticket and an SMS reply', () => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig();
  });

  afterAll(async () => {
    await rig.stop();
  });

  it('turns one SMS into one ticket and one SMS reply naming the tracking number', async () => {
    const result = await rig.smsc.deliver({ from: '081234567001', text: 'Lampu jalan di Jl. Merdeka 10 Bandung mati sejak seminggu.' });
    expect(result.statuses).toEqual([0]);

    const ticket = await oneTicketFrom(rig.gw, '+6281234567001');
    expect(ticket.text).toBe('Lampu jalan di Jl. Merdeka 10 Bandung mati sejak seminggu.');
    expect(ticket.reporter).toMatchObject({ id: '+6281234567001', phone: '+6281234567001' });

    const [mt] = await mtTo(rig.smsc, '6281234567001');
    expect(mt).toContain(ticket.trackingId);
    const sent = rig.smsc.submitted.filter((s) => s.destination === '6281234567001');
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const part of sent) expect(part).toMatchObject({ source: '1708', dataCoding: 0, registeredDelivery: 1 });
    expect(sent.map((p) => p.concat?.seq ?? 1)).toEqual(sent.map((_, i) => i + 1));

    const replies = await eventually(async () => {
      const r = await repliesOf(rig.gw, ticket.trackingId);
      return r.length === 1 && r[0]?.status !== 'queued' ? r : null;
    });
    expect(replies[0]?.providerId).toBe(sent[0]?.messageId);
  });

  it('keeps a #rahasia SMS sealed from intake on, and still answers the phone that sent it', async () => {
    const text = 'Pungli di kantor kecamatan, minta uang 200 ribu. #rahasia';
    expect((await rig.smsc.deliver({ from: '081234567002', text })).statuses).toEqual([0]);
    const ticket = await eventually(async () => (await smsTickets(rig.gw)).find((t) => t.text === text));
    expect(ticket.privacy).toBe('rahasia');
    expect(ticket.reporter.id).toMatch(/^rahasia:/);
    // The message is marked with its ticket just after the ticket is made.
    const [message] = await eventually(async () => {
      const found = await rig.gw.gateway.store.inbox.listForTicket(ticket.trackingId);
      return found.length > 0 ? found : null;
    });
    expect(message?.sender.id).toMatch(/^rahasia:/);
    expect(JSON.stringify(message)).not.toContain('81234567002');
    const [mt] = await mtTo(rig.smsc, '6281234567002');
    expect(mt).toContain(ticket.trackingId);
  });

  it('reports the bound session in /readyz', async () => {
    const res = await fetch(`${rig.gw.baseUrl}/readyz`);
    const body = (await res.json()) as { channels: { sms: { state: string; bindType: string; lastError: string | null } } };
    expect(body.channels.sms).toMatchObject({ state: 'bound', bindType: 'transceiver', lastError: null });
  });

  it('never logs the phone number or the SMPP password', () => {
    const logs = rig.gw.logs.join('');
    expect(logs).not.toContain('81234567001');
    expect(logs).not.toContain('rahasia1');
  });
});
