import type { Logger } from '../../../src/log/logger';
import type { SmsConfig } from '../config';
import { SmppSession, type SessionState, type SessionStatus } from './smppSession';

export interface LinkStatus {
  bindType: SmsConfig['bindType'];
  /** The worst state of the binds the link needs. */
  state: SessionState;
  lastError: string | null;
  reconnects: number;
  sessions: SessionStatus[];
}

const STATE_RANK: Record<SessionState, number> = { disconnected: 0, connecting: 1, unbinding: 2, bound: 3 };

/**
 * The binds this process holds to the SMSC: one transceiver, or a transmitter for submits and a
 * receiver for deliver_sm (SMPP_BIND_TYPE=transmitter_receiver).
 */
export class SmsLink {
  readonly transmitter: SmppSession;
  readonly receiver: SmppSession;
  private readonly sessions: SmppSession[];
  private readonly bindType: SmsConfig['bindType'];

  constructor(config: SmsConfig, log: Logger, onDeliverSm: (pdu: Buffer) => Promise<number>) {
    const common = {
      endpoint: config.endpoint,
      enquireLinkMs: config.enquireLinkMs,
      responseTimeoutMs: config.responseTimeoutMs,
      window: config.window,
      submitTps: config.submitTps,
      reconnectMaxMs: config.reconnectMaxMs,
      log,
    };
    if (config.bindType === 'transceiver') {
      this.transmitter = new SmppSession({ ...common, bind: 'transceiver', onDeliverSm });
      this.receiver = this.transmitter;
      this.sessions = [this.transmitter];
    } else {
      this.transmitter = new SmppSession({ ...common, bind: 'transmitter' });
      this.receiver = new SmppSession({ ...common, bind: 'receiver', onDeliverSm });
      this.sessions = [this.transmitter, this.receiver];
    }
    this.bindType = config.bindType;
  }

  start(): void {
    for (const s of this.sessions) s.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.stop()));
  }

  status(): LinkStatus {
    const sessions = this.sessions.map((s) => s.status());
    const worst = sessions.reduce((a, b) => (STATE_RANK[b.state] < STATE_RANK[a.state] ? b : a));
    return {
      bindType: this.bindType,
      state: worst.state,
      lastError: sessions.map((s) => s.lastError).find((e) => e !== null) ?? null,
      reconnects: sessions.reduce((n, s) => n + s.reconnects, 0),
      sessions,
    };
  }
}
