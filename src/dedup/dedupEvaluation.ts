import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DedupKind } from './dedupEngine';
import { DedupRunInput, EphemeralDedup, type DedupRunOutput } from './dedupRun';

export const DEDUP_KINDS: readonly DedupKind[] = ['new', 'duplicate', 'followup', 'cluster', 'review'];

const DedupKindSchema = z.enum(['new', 'duplicate', 'followup', 'cluster', 'review']);

/** A line of test/fixtures/dedup.jsonl: an input of `npm run -s dedup` with the decision a person would make. */
export const LabelledDedupMessage = DedupRunInput.extend({
  expect: DedupKindSchema,
  /** The id of the ticket-making message it refers to (for a cluster: any ticket of the case). */
  ref: z.string().nullable(),
  /** The message an operator-only advisory should point at: a match resting only on a typed phone or email. */
  advisory: z.string().optional(),
  note: z.string().optional(),
});
export type LabelledDedupMessage = z.infer<typeof LabelledDedupMessage>;

export interface ClassScore {
  expected: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface DedupEvaluation {
  total: number;
  parser: string;
  scores: Record<DedupKind, ClassScore>;
  /** Operator-only advisories (claim matches), right when they point at the labelled message. */
  advisory: ClassScore;
  /** confusion[expected][predicted], by decision only. */
  confusion: Record<DedupKind, Record<DedupKind, number>>;
  /** Lines where the decision or its reference is wrong, for tuning. */
  mistakes: { message: LabelledDedupMessage; got: DedupRunOutput }[];
}

export function loadLabelledDedup(file: string): LabelledDedupMessage[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const parsed = LabelledDedupMessage.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/**
 * Which case each expected ticket belongs to: its own id, or for a cluster the case of the ticket it
 * joins. A predicted cluster is right when it points at any ticket of the expected case, because the
 * engine links to the most similar member, not necessarily the first.
 */
function caseRoots(messages: LabelledDedupMessage[]): Map<string, string> {
  const roots = new Map<string, string>();
  for (const m of messages) {
    if (m.expect === 'new' || m.expect === 'review') roots.set(m.id, m.id);
    else if (m.expect === 'cluster' && m.ref) roots.set(m.id, roots.get(m.ref) ?? m.ref);
  }
  return roots;
}

function isCorrect(m: LabelledDedupMessage, got: DedupRunOutput, roots: Map<string, string>): boolean {
  if (got.decision !== m.expect) return false;
  if ((m.advisory ?? null) !== got.advisory) return false;
  if (m.expect === 'new') return true;
  if (m.expect === 'cluster') return got.ref !== null && m.ref !== null && roots.get(got.ref) === (roots.get(m.ref) ?? m.ref);
  return got.ref === m.ref;
}

/** Scores decisions against labels. A decision counts as correct only with the right reference. */
export function scoreDedup(messages: LabelledDedupMessage[], outputs: DedupRunOutput[], parser: string): DedupEvaluation {
  const roots = caseRoots(messages);
  const zero = () => Object.fromEntries(DEDUP_KINDS.map((k) => [k, 0])) as Record<DedupKind, number>;
  const confusion = Object.fromEntries(DEDUP_KINDS.map((k) => [k, zero()])) as Record<DedupKind, Record<DedupKind, number>>;
  const expected = zero();
  const predicted = zero();
  const correct = zero();
  const mistakes: DedupEvaluation['mistakes'] = [];
  messages.forEach((m, i) => {
    const got = outputs[i]!;
    confusion[m.expect][got.decision]++;
    expected[m.expect]++;
    predicted[got.decision]++;
    if (isCorrect(m, got, roots)) correct[m.expect]++;
    else mistakes.push({ message: m, got });
  });
  const scores = Object.fromEntries(DEDUP_KINDS.map((k) => [k, classScore(expected[k], predicted[k], correct[k])])) as Record<DedupKind, ClassScore>;
  const advised = messages.map((m, i) => ({ want: m.advisory ?? null, got: outputs[i]!.advisory }));
  const advisory = classScore(
    advised.filter((a) => a.want !== null).length,
    advised.filter((a) => a.got !== null).length,
    advised.filter((a) => a.want !== null && a.got === a.want).length,
  );
  return { total: messages.length, parser, scores, advisory, confusion, mistakes };
}

function classScore(expected: number, predicted: number, correct: number): ClassScore {
  const precision = predicted ? correct / predicted : 1;
  const recall = expected ? correct / expected : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { expected, predicted, correct, precision, recall, f1 };
}

/** Runs the labelled messages through the real engine on an ephemeral store and scores the result. */
export async function evaluateDedup(messages: LabelledDedupMessage[]): Promise<DedupEvaluation> {
  const dedup = await EphemeralDedup.start();
  try {
    const outputs: DedupRunOutput[] = [];
    for (const m of messages) outputs.push(await dedup.process(m));
    return scoreDedup(messages, outputs, dedup.parser);
  } finally {
    await dedup.close();
  }
}

export function formatDedupEvaluation(e: DedupEvaluation): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [`dedup evaluation: ${e.total} messages, parser: ${e.parser}`, '', 'class       expected predicted correct precision recall  f1'];
  const row = (k: string, s: ClassScore) =>
    `${k.padEnd(11)} ${String(s.expected).padStart(8)} ${String(s.predicted).padStart(9)} ${String(s.correct).padStart(7)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)}`;
  for (const k of DEDUP_KINDS) lines.push(row(k, e.scores[k]));
  lines.push(row('advisory', e.advisory), '(advisory: an operator-only note of a match on a typed phone or email; it never changes the decision)');
  lines.push('', 'confusion (rows expected, columns predicted)', `${''.padEnd(11)} ${DEDUP_KINDS.map((k) => k.padStart(9)).join('')}`);
  for (const k of DEDUP_KINDS) lines.push(`${k.padEnd(11)} ${DEDUP_KINDS.map((p) => String(e.confusion[k][p]).padStart(9)).join('')}`);
  if (e.mistakes.length > 0) {
    lines.push('', 'mistakes');
    for (const { message, got } of e.mistakes) {
      const want = `${message.expect}${message.ref ? ` ${message.ref}` : ''}${message.advisory ? ` advisory ${message.advisory}` : ''}`;
      const had = `${got.decision}${got.ref ? ` ${got.ref}` : ''}${got.advisory ? ` advisory ${got.advisory}` : ''}`;
      lines.push(`${message.id} expected ${want}, got ${had} (${got.similarity}): ${message.text.slice(0, 70)}`);
    }
  }
  return lines.join('\n');
}
