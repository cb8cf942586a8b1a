import pino, { type DestinationStream, type Logger } from 'pino';
import { maskString, maskValue } from './mask';

export type { Logger };

/** pino JSON logs; every object and message passes through the masks before it is written. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (object) => maskValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskString(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: { err: (e: unknown) => maskValue(e) },
    },
    destination,
  );
}
