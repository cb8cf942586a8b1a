import { decodeConcatenated } from '../codec/textCoding';

/** Stands where parts of a concatenated SMS never arrived, so an operator sees text is missing. */
export const GAP_MARKER = ' [...] ';

export interface Part {
  seq: number;
  dataCoding: number;
  body: Buffer;
}

/**
 * The text of a concatenated message from the parts that arrived. Runs of consecutive parts in
 * one coding are decoded together (an escape or surrogate pair split across two parts survives);
 * each missing stretch, at the start, inside or at the end, becomes one GAP_MARKER.
 */
export function assembleText(parts: readonly Part[], total: number): string {
  const sorted = [...parts].sort((a, b) => a.seq - b.seq);
  let text = '';
  let run: Part[] = [];
  let expected = 1;
  const flush = () => {
    const first = run[0];
    if (first) text += decodeConcatenated(first.dataCoding, run.map((p) => p.body));
    run = [];
  };
  for (const part of sorted) {
    if (part.seq < expected) continue;
    const last = run[run.length - 1];
    if (part.seq > expected) {
      flush();
      text += GAP_MARKER;
    } else if (last && last.dataCoding !== part.dataCoding) {
      flush();
    }
    run.push(part);
    expected = part.seq + 1;
  }
  flush();
  if (expected <= total) text += GAP_MARKER;
  // A marker at either end needs no space outside it.
  if (text.startsWith(GAP_MARKER)) text = text.slice(1);
  if (text.endsWith(GAP_MARKER.trimStart())) text = text.slice(0, -1);
  return text;
}
