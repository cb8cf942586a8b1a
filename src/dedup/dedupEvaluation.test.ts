import { projectFile } from '../parse/projectFile';
import { evaluateDedup, formatDedupEvaluation, loadLabelledDedup, scoreDedup, type LabelledDedupMessage } from './dedupEvaluation';
import type { DedupRunOutput } from './dedupRun';

const labelled = (id: string, expect: LabelledDedupMessage['expect'], ref: string | null): LabelledDedupMessage => ({
  id,
  expect,
  ref,
  sender: 's',
  channel: 'sms',
  text: 't',
  receivedAt: new Date(0),
});
const got = (id: string, decision: DedupRunOutput['decision'], ref: string | null): DedupRunOutput => ({ id, decision, ref, similarity: 0, reasons: [], advisory: null });

describe('scoreDedup', () => {
  it('needs the right reference, and accepts any ticket of the expected case for a cluster', () => {
    const messages = [labelled('a', 'new', null), labelled('b', 'cluster', 'a'), labelled('c', 'cluster', 'a'), labelled('d', 'duplicate', 'a'), labelled('e', 'new', null), labelled('f', 'duplicate', 'e')];
    const e = scoreDedup(messages, [got('a', 'new', null), got('b', 'cluster', 'a'), got('c', 'cluster', 'b'), got('d', 'duplicate', 'e'), got('e', 'new', null), got('f', 'duplicate', 'e')], 'none');
    expect(e.scores.cluster).toMatchObject({ expected: 2, predicted: 2, correct: 2 });
    expect(e.scores.duplicate).toMatchObject({ expected: 2, predicted: 2, correct: 1, precision: 0.5, recall: 0.5 });
    expect(e.mistakes.map((m) => m.message.id)).toEqual(['d']);
    expect(e.confusion.duplicate.duplicate).toBe(2);
  });

  it('scores an advisory only when it points at the labelled message, and counts a wrong one as a mistake', () => {
    const messages = [labelled('a', 'new', null), { ...labelled('b', 'new', null), advisory: 'a' }, labelled('c', 'new', null)];
    const e = scoreDedup(messages, [got('a', 'new', null), { ...got('b', 'new', null), advisory: 'a' }, { ...got('c', 'new', null), advisory: 'a' }], 'none');
    expect(e.advisory).toMatchObject({ expected: 1, predicted: 2, correct: 1, precision: 0.5, recall: 1 });
    expect(e.mistakes.map((m) => m.message.id)).toEqual(['c']);
  });
});

describe('the labelled set (test/fixtures/dedup.jsonl)', () => {
  it('finds duplicates with precision ≥ 0.98 and recall ≥ 0.90', async () => {
    const messages = loadLabelledDedup(projectFile('test', 'fixtures', 'dedup.jsonl'));
    expect(messages.length).toBeGreaterThanOrEqual(300);
    const evaluation = await evaluateDedup(messages);
    // eslint-disable-next-line no-console
    console.log(formatDedupEvaluation(evaluation));
    expect(evaluation.scores.duplicate.precision).toBeGreaterThanOrEqual(0.98);
    expect(evaluation.scores.duplicate.recall).toBeGreaterThanOrEqual(0.9);
    // Follow-ups and cases depend on the parser's intent, category and place as well: guarded loosely.
    expect(evaluation.scores.followup.precision).toBeGreaterThanOrEqual(0.9);
    // A typed phone or email only ever adds an operator-only advisory: it must point at the right ticket.
    expect(evaluation.advisory.precision).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.advisory.recall).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
