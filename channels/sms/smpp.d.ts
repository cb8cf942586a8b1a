/**
 * The part of the `smpp` package (0.5.1, untyped JavaScript) this channel uses. PDU fields are
 * dynamic properties named after the SMPP 3.4 parameters and TLV tags.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    constructor(buffer: Buffer);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
    static maxLength: number;
  }

  export class Session extends EventEmitter {
    constructor(options: Record<string, unknown>);
    socket: Socket;
    sequence: number;
    paused: boolean;
    _busy: boolean;
    _callbacks: Record<number, (pdu: PDU) => void>;
    _extractPDUs(): void;
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    [command: string]: unknown;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
  export function connect(options: Record<string, unknown>, listener?: () => void): Session;

  export const errors: Record<string, number>;
  export const commands: Record<string, { id: number }>;
}
