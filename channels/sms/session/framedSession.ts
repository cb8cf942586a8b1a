import type { Socket } from 'node:net';
import { Session } from 'smpp';

/** Longest PDU we accept: message_payload may carry up to 64 KiB of text. */
export const MAX_PDU_LENGTH = 70_000;

export interface FrameHandlers {
  /** One whole PDU, header included, exactly as it came off the wire. */
  onFrame(frame: Buffer): void;
  /** The stream cannot be split into PDUs any more (an impossible command_length): the link must be dropped. */
  onCorrupt(reason: string): void;
}

/** Cuts a socket's byte stream into PDUs by their command_length, decoding nothing. */
export class FrameReader {
  private pendingLength: number | null = null;
  private reading = false;

  constructor(
    private readonly socket: Socket,
    private readonly handlers: FrameHandlers,
  ) {}

  read(): void {
    if (this.reading) return;
    this.reading = true;
    try {
      this.readFrames();
    } finally {
      this.reading = false;
    }
  }

  private readFrames(): void {
    for (;;) {
      if (this.pendingLength === null) {
        const head = this.socket.read(4) as Buffer | null;
        if (!head) return;
        const length = head.readUInt32BE(0);
        if (length < 16 || length > MAX_PDU_LENGTH) {
          this.handlers.onCorrupt(`command_length ${length} out of range`);
          return;
        }
        this.pendingLength = length;
      }
      const body = this.socket.read(this.pendingLength - 4) as Buffer | null;
      if (!body) return;
      const head = Buffer.alloc(4);
      head.writeUInt32BE(this.pendingLength, 0);
      this.pendingLength = null;
      this.handlers.onFrame(Buffer.concat([head, body]));
    }
  }
}

/**
 * The smpp package's client session with its PDU extraction replaced. The package decodes every
 * PDU itself (text in the wrong alphabet for data_coding 1) and, when a PDU fails to decode, stops
 * reading the socket for good. Here the socket is only cut into frames; decoding is ours.
 */
export class FramedSession extends Session {
  private reader: FrameReader | null = null;

  constructor(options: { host: string; port: number }, handlers: FrameHandlers) {
    super(options);
    this.reader = new FrameReader(this.socket, handlers);
  }

  override _extractPDUs(): void {
    // The base constructor subscribes this method before the reader exists; nothing is readable yet then.
    this.reader?.read();
  }
}
