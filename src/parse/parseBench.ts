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

export interface WorstParse {
  ms: number;
  /** The input that took longest, as "<phrase> ×<length>". */
  input: string;
}

/**
 * The slowest parse among the given texts: each parsed `rounds` times and its fastest run kept,
 * so one pause of a shared machine does not decide the figure, then the slowest text reported.
 */
export function worstParse(parser: Parser, texts: readonly { label: string; text: string }[], rounds = 5): WorstParse {
  parser.parse({ text: texts[0]?.text ?? '', channel: 'sms', fields: null });
  let worst: WorstParse = { ms: 0, input: '' };
  for (const { label, text } of texts) {
    let fastest = Number.POSITIVE_INFINITY;
    for (let r = 0; r < rounds; r++) {
      const start = process.hrtime.bigint();
      parser.parse({ text, channel: 'sms', fields: null });
      fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
    }
    if (fastest > worst.ms) worst = { ms: fastest, input: label };
  }
  return worst;
}
