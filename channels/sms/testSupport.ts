import { eventually, startTestGateway, type TestGateway } from '../../test/support/testGateway';
import { ALL_ROLES, type Roles } from '../../src/roles';
import type { Reply, Ticket } from '../../src/store/types';
import { SmscSimulator, type SimulatorOptions } from './simulator/smscSimulator';

export const SYSTEM_ID = 'lapor';
export const PASSWORD = 'rahasia1';

/** Fast timings so reconnects, timeouts and sweeps happen within a test. */
export const FAST_SMS_ENV = {
  SMPP_ENQUIRE_LINK_SECONDS: '1',
  SMPP_RESPONSE_TIMEOUT_SECONDS: '2',
  SMPP_RECONNECT_MAX_SECONDS: '1',
  SMS_MULTIPART_TIMEOUT_SECONDS: '30',
};

export interface SmsRig {
  smsc: SmscSimulator;
  gw: TestGateway;
  stop(): Promise<void>;
}

/** A simulator SMSC and a whole gateway bound to it over TCP. */
export async function startSmsRig(env: Record<string, string> = {}, simulator: Partial<SimulatorOptions> = {}, roles: Roles = ALL_ROLES): Promise<SmsRig> {
  const smsc = await SmscSimulator.start({ systemId: SYSTEM_ID, password: PASSWORD, ...simulator });
  const gw = await startTestGateway({ SMPP_URL: smsc.url(), ...FAST_SMS_ENV, ...env }, roles);
  await smsc.waitForBinds(env.SMPP_BIND_TYPE === 'transmitter_receiver' ? 2 : 1);
  return {
    smsc,
    gw,
    stop: async () => {
      await gw.stop();
      await smsc.stop();
    },
  };
}

export async function smsTickets(gw: TestGateway): Promise<Ticket[]> {
  return (await gw.gateway.store.tickets.list({ channel: 'sms' }, 0, 100)).items;
}

/** Waits for exactly one SMS ticket from this phone and returns it (with a moment for a second to show up). */
export async function oneTicketFrom(gw: TestGateway, phone: string): Promise<Ticket> {
  const ticket = await eventually(async () => (await smsTickets(gw)).find((t) => t.reporter.id === phone));
  await new Promise((r) => setTimeout(r, 300));
  const all = (await smsTickets(gw)).filter((t) => t.reporter.id === phone);
  if (all.length !== 1) throw new Error(`expected one ticket from ${phone}, found ${all.length}`);
  return ticket;
}

export async function repliesOf(gw: TestGateway, trackingId: string): Promise<Reply[]> {
  return gw.gateway.store.replies.listForTicket(trackingId);
}

/** The MT texts the simulator recorded for a phone (E.164 without '+'), once there are `count`. */
export async function mtTo(smsc: SmscSimulator, destination: string, count = 1): Promise<string[]> {
  return eventually(async () => {
    const texts = smsc.messagesTo(destination);
    return texts.length >= count ? texts : null;
  });
}
