import type { AddressInfo } from 'node:net';
import { createServer, PDU, type Server, type Session } from 'smpp';
import { decodeShortMessage } from '../codec/textCoding';
import { hasUdh, parseUdh } from '../codec/udh';
import { parseDeliverSm } from '../receive/deliverSm';
import { FrameReader } from '../session/framedSession';
import { concatenatedParts, encodeMoText, type Concatenation, type MoCoding, type MoPart } from './moEncoding';

const STATUS = {
  ROK: 0x00,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RINVPASWD: 0x0e,
  RINVSYSID: 0x0f,
  RTHROTTLED: 0x58,
  RX_T_APPN: 0x64,
} as const;

export type IdFormat = 'hex' | 'decimal';

export interface SimulatorOptions {
  systemId: string;
  password: string;
  port?: number;
  /** How submit_sm_resp message ids are written. */
  messageIds?: IdFormat;
  /** How receipts quote the id: as in the resp, or converted (hex ↔ decimal, zero-padded). */
  receiptIds?: 'same' | IdFormat;
  /** 'tlv': receipted_message_id + message_state; 'text': the Appendix B text; 'none': no receipts. */
  receipts?: 'tlv' | 'text' | 'none';
  /** Send the receipt before the submit_sm_resp (SMSCs racing their own responses). */
  receiptBeforeResp?: boolean;
}

/** One submit_sm the simulator accepted. */
export interface SubmittedSm {
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  messageId: string;
  /** The part's text (UDH removed), decoded by its data_coding. */
  text: string;
  concat: { ref: number; total: number; seq: number } | null;
  at: number;
}

export interface MoMessage {
  from: string;
  to?: string;
  text?: string;
  dataCoding?: MoCoding;
  /** Raw octets instead of text (short_message as is). */
  bytes?: Buffer;
  esmClass?: number;
  /** Carry the text in message_payload instead of short_message. */
  payload?: boolean;
  sar?: MoPart['sar'];
}

export interface DeliverResult {
  /** deliver_sm_resp command_status of every try, in order. */
  statuses: number[];
}

interface EsmeSession {
  session: Session;
  systemId: string;
  bind: 'transceiver' | 'transmitter' | 'receiver';
}

/**
 * A small SMSC for tests and the demo, on the smpp package's server side: authenticates binds,
 * answers enquire_link, takes submit_sm (answering with message ids, throttling or refusing on
 * request), reassembles what each phone would show, issues delivery receipts, sends MO
 * deliver_sm in every coding and concatenation form, and misbehaves on demand (drops the
 * connection, goes silent, writes malformed PDUs).
 */
export class SmscSimulator {
  readonly submitted: SubmittedSm[] = [];
  readonly bindAttempts: { systemId: string; accepted: boolean }[] = [];
  private readonly sessions = new Set<EsmeSession>();
  private readonly rawFrames = new WeakMap<PDU, Buffer>();
  private nextId = 0x5a000;
  private throttle = 0;
  /** submit_sm answered ESME_RTHROTTLED so far. */
  throttled = 0;
  private refuse: { skip: number; count: number; status: number } = { skip: 0, count: 0, status: 0 };
  /** Responses the ESME sent (to deliver_sm, to raw PDUs), in arrival order. */
  readonly responses: { command: string; status: number; sequence: number }[] = [];
  private silent = false;
  private readonly undeliverable = new Set<string>();
  private moRef = 1;

  private constructor(
    private readonly server: Server,
    readonly options: Required<SimulatorOptions>,
  ) {}

  static async start(options: SimulatorOptions): Promise<SmscSimulator> {
    const full: Required<SimulatorOptions> = { port: 0, messageIds: 'hex', receiptIds: 'same', receipts: 'tlv', receiptBeforeResp: false, ...options };
    let sim: SmscSimulator | null = null;
    const server = createServer({}, (session) => sim?.accept(session));
    sim = new SmscSimulator(server, full);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(full.port, '127.0.0.1', () => resolve());
    });
    return sim;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** SMPP_URL for an ESME binding with these (or other) credentials. */
  url(systemId = this.options.systemId, password = this.options.password): string {
    return `smpp://${encodeURIComponent(systemId)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  /** Changes the password binds must present (an operator rotating it). */
  setPassword(password: string): void {
    this.options.password = password;
  }

  boundSessions(): number {
    return this.sessions.size;
  }

  /** The next `n` submit_sm are answered ESME_RTHROTTLED. */
  throttleNext(n: number): void {
    this.throttle = n;
  }

  /** After `skip` accepted submit_sm, the next `n` are answered with `status` (e.g. 0x0B ESME_RINVDSTADR). */
  refuseNext(n: number, status: number, skip = 0): void {
    this.refuse = { skip, count: n, status };
  }

  /** Receipts for messages to this destination say UNDELIV. */
  markUndeliverable(destination: string): void {
    this.undeliverable.add(destination);
  }

  /** Stops answering anything (a link that hangs without closing). */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Cuts every ESME connection at once. */
  dropConnections(): void {
    for (const s of this.sessions) s.session.destroy();
    this.sessions.clear();
  }

  /** Texts each phone would show: parts joined by concatenation reference, in completion order. */
  messagesTo(destination: string): string[] {
    const out: string[] = [];
    const open = new Map<number, Map<number, string>>();
    for (const sm of this.submitted.filter((s) => s.destination === destination)) {
      if (!sm.concat) {
        out.push(sm.text);
        continue;
      }
      const parts = open.get(sm.concat.ref) ?? new Map<number, string>();
      parts.set(sm.concat.seq, sm.text);
      open.set(sm.concat.ref, parts);
      if (parts.size === sm.concat.total) {
        out.push([...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join(''));
        open.delete(sm.concat.ref);
      }
    }
    return out;
  }

  /** Resolves once at least `count` ESME sessions are bound. */
  async waitForBinds(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sessions.size < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.sessions.size} of ${count} binds within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Sends one MO deliver_sm to a bound receiver. With `redeliverMs` it tries again after a
   * non-ESME_ROK answer (as SMSCs do after a temporary error), up to `tries` times.
   */
  async deliver(message: MoMessage, retry: { redeliverMs: number; tries: number } = { redeliverMs: 0, tries: 1 }): Promise<DeliverResult> {
    const dataCoding = message.dataCoding ?? 0;
    const octets = message.bytes ?? encodeMoText(message.text ?? '', dataCoding);
    const fields: Record<string, unknown> = {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: message.from,
      dest_addr_ton: 3,
      dest_addr_npi: 0,
      destination_addr: message.to ?? '1708',
      esm_class: message.esmClass ?? 0,
      data_coding: dataCoding,
      short_message: message.payload ? Buffer.alloc(0) : octets,
      ...(message.payload ? { message_payload: octets } : {}),
      ...(message.sar ?? {}),
    };
    const statuses: number[] = [];
    for (let i = 0; i < retry.tries; i++) {
      const status = await this.sendToEsme('deliver_sm', fields);
      statuses.push(status);
      if (status === STATUS.ROK || i + 1 === retry.tries) break;
      await new Promise((r) => setTimeout(r, retry.redeliverMs));
    }
    return { statuses };
  }

  /** The parts of `text` as a handset would send them concatenated, for tests to reorder or repeat. */
  multipart(from: string, text: string, how: Concatenation, options: { dataCoding?: MoCoding; ref?: number; extraIe?: Buffer; to?: string } = {}): MoMessage[] {
    const ref = options.ref ?? this.moRef++;
    const dataCoding = options.dataCoding ?? 0;
    return concatenatedParts(text, dataCoding, how, ref, options.extraIe).map((p) => ({
      from,
      ...(options.to ? { to: options.to } : {}),
      dataCoding,
      bytes: p.shortMessage,
      esmClass: p.esmClass,
      sar: p.sar,
    }));
  }

  /** Writes bytes straight onto every bound ESME socket (malformed PDUs, unknown commands). */
  writeRaw(bytes: Buffer): void {
    for (const s of this.sessions) if (s.bind !== 'transmitter') s.session.socket.write(bytes);
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(session: Session): void {
    let esme: EsmeSession | null = null;
    this.keepRawFrames(session);
    session.on('error', () => undefined);
    session.on('close', () => {
      if (esme) this.sessions.delete(esme);
    });
    const bind = (kind: EsmeSession['bind']) => (pdu: PDU) => {
      if (this.silent) return;
      const systemId = String(pdu.system_id);
      const ok = systemId === this.options.systemId && String(pdu.password) === this.options.password;
      this.bindAttempts.push({ systemId, accepted: ok });
      if (!ok) {
        const status = systemId === this.options.systemId ? STATUS.RINVPASWD : STATUS.RINVSYSID;
        session.send(pdu.response({ command_status: status }));
        return;
      }
      esme = { session, systemId, bind: kind };
      this.sessions.add(esme);
      session.send(pdu.response({ system_id: 'SIMSMSC' }));
    };
    session.on('bind_transceiver', bind('transceiver'));
    session.on('bind_transmitter', bind('transmitter'));
    session.on('bind_receiver', bind('receiver'));
    session.on('enquire_link', (pdu: PDU) => {
      if (!this.silent) session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      if (esme) this.sessions.delete(esme);
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (this.silent) return;
      if (!esme || esme.bind === 'receiver') {
        session.send(pdu.response({ command_status: STATUS.RINVBNDSTS }));
        return;
      }
      void this.onSubmit(session, pdu);
    });
  }

  /**
   * The package's server session decodes short_message into text (wrongly for some codings) and
   * stops reading after a PDU it cannot decode. The simulator keeps each PDU's raw bytes instead
   * and dispatches the events the package would.
   */
  private keepRawFrames(session: Session): void {
    const socket = session.socket;
    socket.removeAllListeners('readable');
    const reader = new FrameReader(socket, {
      onFrame: (frame) => {
        let pdu: PDU;
        try {
          pdu = new PDU(frame);
        } catch {
          return;
        }
        this.rawFrames.set(pdu, frame);
        if (pdu.isResponse()) this.responses.push({ command: pdu.command, status: pdu.command_status, sequence: pdu.sequence_number });
        if (pdu.command === 'unknown') {
          session.send(pdu.response());
          return;
        }
        session.emit('pdu', pdu);
        session.emit(pdu.command, pdu);
        const callback = session._callbacks[pdu.sequence_number];
        if (pdu.isResponse() && callback) {
          delete session._callbacks[pdu.sequence_number];
          callback(pdu);
        }
      },
      onCorrupt: () => session.destroy(),
    });
    socket.on('readable', () => reader.read());
  }

  private async onSubmit(session: Session, pdu: PDU): Promise<void> {
    if (this.throttle > 0) {
      this.throttle -= 1;
      this.throttled += 1;
      session.send(pdu.response({ command_status: STATUS.RTHROTTLED }));
      return;
    }
    if (this.refuse.count > 0 && this.refuse.skip === 0) {
      this.refuse.count -= 1;
      session.send(pdu.response({ command_status: this.refuse.status }));
      return;
    }
    if (this.refuse.skip > 0) this.refuse.skip -= 1;
    const n = this.nextId++;
    const messageId = this.options.messageIds === 'hex' ? n.toString(16).toUpperCase() : String(n);
    const frame = this.rawFrames.get(pdu);
    if (!frame) return;
    // submit_sm has deliver_sm's body layout (SMPP 3.4 §4.4.1, §4.6.1).
    const sm = parseDeliverSm(frame);
    const octets = sm.messagePayload ?? sm.shortMessage;
    const { esmClass, dataCoding } = sm;
    const udh = hasUdh(esmClass) ? parseUdh(octets) : null;
    const body = udh ? octets.subarray(udh.headerLength) : octets;
    const destination = sm.destinationAddr;
    this.submitted.push({
      source: sm.sourceAddr,
      destination,
      dataCoding,
      esmClass,
      registeredDelivery: Number(pdu.registered_delivery),
      messageId,
      text: decodeShortMessage(dataCoding, body, { defaultAlphabet: 'gsm' }),
      concat: udh?.concat ? { ref: udh.concat.ref, total: udh.concat.total, seq: udh.concat.seq } : null,
      at: Date.now(),
    });
    const wantsReceipt = (Number(pdu.registered_delivery) & 0x03) !== 0 && this.options.receipts !== 'none';
    if (wantsReceipt && this.options.receiptBeforeResp) {
      await this.sendReceipt(destination, messageId);
      await new Promise((r) => setTimeout(r, 50));
    }
    session.send(pdu.response({ message_id: messageId }));
    if (wantsReceipt && !this.options.receiptBeforeResp) setTimeout(() => void this.sendReceipt(destination, messageId), 20);
  }

  private receiptId(messageId: string): string {
    const value = this.options.messageIds === 'hex' ? parseInt(messageId, 16) : Number(messageId);
    if (this.options.receiptIds === 'hex') return value.toString(16).padStart(10, '0');
    if (this.options.receiptIds === 'decimal') return String(value).padStart(10, '0');
    return messageId;
  }

  private async sendReceipt(destination: string, messageId: string): Promise<void> {
    const id = this.receiptId(messageId);
    const delivered = !this.undeliverable.has(destination);
    const stat = delivered ? 'DELIVRD' : 'UNDELIV';
    const fields: Record<string, unknown> = {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: destination,
      destination_addr: '1708',
      esm_class: 0x04,
      data_coding: 0,
    };
    if (this.options.receipts === 'tlv') {
      Object.assign(fields, { short_message: Buffer.alloc(0), receipted_message_id: id, message_state: delivered ? 2 : 5 });
    } else {
      const text = `id:${id} sub:001 dlvrd:${delivered ? '001' : '000'} submit date:2511231200 done date:2511231201 stat:${stat} err:${delivered ? '000' : '001'}`;
      fields.short_message = Buffer.from(text, 'ascii');
    }
    await this.sendToEsme('deliver_sm', fields).catch(() => undefined);
  }

  private sendToEsme(command: string, fields: Record<string, unknown>): Promise<number> {
    const receiver = [...this.sessions].find((s) => s.bind !== 'transmitter');
    if (!receiver) return Promise.reject(new Error('no ESME bound to receive'));
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${command}_resp within 10 s`)), 10_000);
      const sent = receiver.session.send(new PDU(command, fields), (resp: PDU) => {
        clearTimeout(timer);
        resolve(resp.command_status);
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new Error('ESME connection not writable'));
      }
    });
  }
}
