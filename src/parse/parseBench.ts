import type { Parser } from './parser';

export interface ParseTiming {
  messages: number;
  msPerMessage: number;
}

/**
 * Average wall time of one parse over the given texts, after one warm-up pass (the JIT and the
 * region index settle in it). For benchmarks, not for timed tests: two cores are shared here.
 */
export function timeParse(parser: Parser, texts: readonly string[], rounds = 3): ParseTiming {
  const parseAll = () => {
    for (const text of texts) parser.parse({ text, channel: 'sms', fields: null });
  };
  parseAll();
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) parseAll();
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const messages = texts.length * rounds;
  return { messages, msPerMessage: messages === 0 ? 0 : elapsedMs / messages };
}
