import { PDU } from 'smpp';
import type { Logger } from '../../../src/log/logger';
import type { SmppEndpoint } from '../config';
import { DELIVER_SM } from '../receive/deliverSm';
import { refusedBindDelay, reconnectDelay } from './backoff';
import { FramedSession } from './framedSession';
import { isBindRefusal, STATUS, statusName } from './smppStatus';
import { SubmitGate } from './submitGate';

export type SessionState = 'disconnected' | 'connecting' | 'bound' | 'unbinding';
export type BindMode = 'transceiver' | 'transmitter' | 'receiver';

export interface SessionStatus {
  bind: BindMode;
  state: SessionState;
  lastError: string | null;
  reconnects: number;
  since: string;
  inFlight: number;
  queued: number;
}

export interface SessionOptions {
  endpoint: SmppEndpoint;
  bind: BindMode;
  enquireLinkMs: number;
  responseTimeoutMs: number;
  window: number;
  submitTps: number;
  reconnectMaxMs: number;
  log: Logger;
  /** Handles one deliver_sm (the whole raw PDU) and resolves with the command_status to answer. */
  onDeliverSm?: (pdu: Buffer) => Promise<number>;
}

/** No bound session to send on (yet): the caller retries later. */
export class SessionUnavailableError extends Error {
  constructor(reason: string) {
    super(`SMPP session unavailable: ${reason}`);
    this.name = 'SessionUnavailableError';
  }
}

interface Pending {
  command: string;
  resolve: (pdu: PDU) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

const BIND_COMMAND: Record<BindMode, string> = { transceiver: 'bind_transceiver', transmitter: 'bind_transmitter', receiver: 'bind_receiver' };
const GENERIC_NACK = 0x80000000;
const ENQUIRE_LINK = 0x00000015;
const UNBIND = 0x00000006;
const UNBIND_WAIT_MS = 2000;

/**
 * One SMPP bind to the SMSC, kept alive for as long as the process wants it: binds, answers and
 * sends enquire_link, declares the link dead when any response is overdue, reconnects with
 * backoff, and unbinds cleanly on stop. Requests from callers wait for a bound link.
 */
export class SmppSession {
  private session: FramedSession | null = null;
  private state: SessionState = 'disconnected';
  private since = new Date();
  private lastError: string | null = null;
  private reconnects = 0;
  private attempt = 0;
  private stopping = false;
  /** The last bind was refused for its credentials: the next attempt waits long. */
  private refusedBind = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<number, Pending>();
  private boundWaiters: (() => void)[] = [];
  readonly gate: SubmitGate;

  constructor(private readonly options: SessionOptions) {
    this.gate = new SubmitGate(options.window, options.submitTps);
  }

  start(): void {
    this.stopping = false;
    if (this.state === 'disconnected' && !this.reconnectTimer) this.connect();
  }

  status(): SessionStatus {
    return {
      bind: this.options.bind,
      state: this.state,
      lastError: this.lastError,
      reconnects: this.reconnects,
      since: this.since.toISOString(),
      inFlight: this.gate.inFlight,
      queued: this.gate.queued,
    };
  }

  get bound(): boolean {
    return this.state === 'bound';
  }

  /** Resolves when the link is bound, or throws SessionUnavailableError after `timeoutMs`. */
  async waitBound(timeoutMs: number): Promise<void> {
    if (this.state === 'bound') return;
    if (this.stopping) throw new SessionUnavailableError('stopping');
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.boundWaiters = this.boundWaiters.filter((w) => w !== done);
        reject(new SessionUnavailableError(this.lastError ?? `not bound within ${timeoutMs} ms`));
      }, timeoutMs);
      this.boundWaiters.push(done);
    });
  }

  /**
   * Sends a request PDU and resolves with its response (any command_status, generic_nack included).
   * Rejects when the link drops or the response is overdue (the link is then declared dead).
   */
  request(command: string, fields: Record<string, unknown>): Promise<PDU> {
    const session = this.session;
    const allowed = command.startsWith('bind_') || this.state === 'bound' || (command === 'unbind' && this.state === 'unbinding');
    if (!session || !allowed) {
      return Promise.reject(new SessionUnavailableError(this.state));
    }
    return new Promise<PDU>((resolve, reject) => {
      let pdu: PDU;
      try {
        pdu = new PDU(command, fields);
        if (!session.send(pdu)) throw new SessionUnavailableError('socket not writable');
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const sequence = pdu.sequence_number;
      const timer = setTimeout(() => {
        this.pending.delete(sequence);
        reject(new SessionUnavailableError(`no ${command}_resp within ${this.options.responseTimeoutMs} ms`));
        this.declareDead(`no ${command}_resp within ${this.options.responseTimeoutMs} ms`);
      }, this.options.responseTimeoutMs);
      this.pending.set(sequence, { command, resolve, reject, timer });
    });
  }

  /** Unbinds (waiting briefly for unbind_resp) and closes; no reconnect afterwards. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.gate.close();
    const session = this.session;
    if (!session) {
      this.setState('disconnected');
      return;
    }
    if (this.state === 'bound') {
      this.setState('unbinding');
      await Promise.race([this.request('unbind', {}).catch(() => undefined), new Promise((r) => setTimeout(r, UNBIND_WAIT_MS).unref())]);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        session.destroy();
        resolve();
      }, 1000);
      session.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.setState('disconnected');
  }

  private setState(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    this.since = new Date();
    if (state === 'bound') for (const w of this.boundWaiters.splice(0)) w();
  }

  private connect(): void {
    const { host, port } = this.options.endpoint;
    this.setState('connecting');
    const session = new FramedSession({ host, port }, { onFrame: (f) => this.onFrame(session, f), onCorrupt: (r) => this.onCorrupt(session, r) });
    this.session = session;
    session.on('connect', () => void this.bind(session));
    session.on('error', (error: Error) => {
      this.lastError = error.message;
      this.options.log.warn({ bind: this.options.bind, err: error }, 'SMPP connection error');
    });
    session.on('close', () => this.onClose(session));
  }

  private async bind(session: FramedSession): Promise<void> {
    const { systemId, password } = this.options.endpoint;
    const command = BIND_COMMAND[this.options.bind];
    let resp: PDU;
    try {
      resp = await this.request(command, { system_id: systemId, password, system_type: '', interface_version: 0x34 });
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      session.destroy();
      return;
    }
    if (resp.command_status !== STATUS.ROK) {
      const reason = statusName(resp.command_status);
      this.lastError = `bind refused: ${reason}`;
      if (isBindRefusal(resp.command_status)) {
        this.options.log.error({ bind: this.options.bind, status: reason }, 'SMSC refused the bind: check the system_id and password in SMPP_URL; retrying slowly');
      } else {
        this.options.log.warn({ bind: this.options.bind, status: reason }, 'SMSC refused the bind; will retry');
      }
      this.refusedBind = isBindRefusal(resp.command_status);
      session.destroy();
      return;
    }
    if (this.session !== session) return;
    this.attempt = 0;
    this.lastError = null;
    this.setState('bound');
    this.options.log.info({ bind: this.options.bind, reconnects: this.reconnects }, 'SMPP session bound');
    this.enquireTimer = setInterval(() => this.enquireLink(), this.options.enquireLinkMs);
    this.enquireTimer.unref();
  }

  private enquireLink(): void {
    this.request('enquire_link', {}).catch(() => undefined);
  }

  private onFrame(session: FramedSession, frame: Buffer): void {
    const commandId = frame.readUInt32BE(4);
    const sequence = frame.readUInt32BE(12);
    if (commandId & 0x80000000) {
      this.onResponse(frame, commandId, sequence);
      return;
    }
    if (commandId === DELIVER_SM) {
      void this.onDeliverSm(session, frame, sequence);
      return;
    }
    if (commandId === ENQUIRE_LINK) {
      this.reply(session, 'enquire_link_resp', sequence, STATUS.ROK);
      return;
    }
    if (commandId === UNBIND) {
      this.options.log.warn({ bind: this.options.bind }, 'SMSC unbound the session; reconnecting');
      this.reply(session, 'unbind_resp', sequence, STATUS.ROK);
      session.close();
      return;
    }
    this.options.log.warn({ bind: this.options.bind, commandId: `0x${commandId.toString(16)}` }, 'SMSC sent a command we do not handle; answered with generic_nack');
    this.reply(session, 'generic_nack', sequence, STATUS.RINVCMDID);
  }

  private onResponse(frame: Buffer, commandId: number, sequence: number): void {
    const pending = this.pending.get(sequence);
    if (!pending) {
      if (commandId !== GENERIC_NACK) this.options.log.debug({ sequence }, 'response to nothing outstanding; ignored');
      return;
    }
    this.pending.delete(sequence);
    clearTimeout(pending.timer);
    try {
      pending.resolve(new PDU(frame));
    } catch (error) {
      pending.reject(new Error(`undecodable ${pending.command}_resp: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private async onDeliverSm(session: FramedSession, frame: Buffer, sequence: number): Promise<void> {
    let status: number = STATUS.RINVBNDSTS;
    if (this.options.onDeliverSm) {
      try {
        status = await this.options.onDeliverSm(frame);
      } catch (error) {
        this.options.log.error({ err: error }, 'deliver_sm handler failed; answered with a temporary error');
        status = STATUS.RX_T_APPN;
      }
    }
    this.reply(session, 'deliver_sm_resp', sequence, status, { message_id: '' });
  }

  private reply(session: FramedSession, command: string, sequence: number, status: number, fields: Record<string, unknown> = {}): void {
    try {
      session.send(new PDU(command, { ...fields, sequence_number: sequence, command_status: status }));
    } catch (error) {
      this.options.log.warn({ err: error, command }, 'could not send a response PDU');
    }
  }

  private onCorrupt(session: FramedSession, reason: string): void {
    // Once a length is wrong nothing after it can be framed; the only way back is a new connection.
    this.options.log.warn({ bind: this.options.bind, reason }, 'SMPP stream corrupt; dropping the connection');
    this.lastError = `stream corrupt: ${reason}`;
    this.reply(session, 'generic_nack', 0, STATUS.RINVCMDLEN);
    session.destroy();
  }

  private declareDead(reason: string): void {
    this.options.log.warn({ bind: this.options.bind, reason }, 'SMPP link dead; reconnecting');
    this.lastError = `link dead: ${reason}`;
    this.session?.destroy();
  }

  private onClose(session: FramedSession): void {
    if (this.session !== session) return;
    this.session = null;
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
    for (const [sequence, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new SessionUnavailableError(`connection closed before ${p.command}_resp`));
      this.pending.delete(sequence);
    }
    if (this.stopping) {
      this.setState('disconnected');
      return;
    }
    this.setState('disconnected');
    this.attempt += 1;
    const delay = this.refusedBind ? refusedBindDelay(this.options.reconnectMaxMs) : reconnectDelay(this.attempt, this.options.reconnectMaxMs);
    this.refusedBind = false;
    this.options.log.info({ bind: this.options.bind, delayMs: delay, attempt: this.attempt }, 'SMPP reconnect scheduled');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.stopping) return;
      this.reconnects += 1;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
