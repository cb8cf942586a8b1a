import { benchDedup } from '../../src/dedup/dedupBench';
import { IndonesianParser } from '../../src/parse/indonesianParser';
import { MAX_MESSAGE_TEXT } from '../../src/message/inboundMessage';
import { adversarialTexts } from '../../src/parse/adversarialTexts';
import { timeParse, worstParse } from '../../src/parse/parseBench';
import { emptySection, type SectionResult } from '../report/results';
import { pick, type BenchContext } from '../support/benchContext';
import { ratio, round } from '../support/stats';
import { fixtureMessages } from '../support/texts';

/** The longest text a channel lets through (MAX_MESSAGE_TEXT), and the target for it. */
const WORST_CASE_LENGTH = MAX_MESSAGE_TEXT;
const WORST_CASE_TARGET_MS = 50;

/** What any parser must at least do, lower-case and split the text: the floor the real parser is compared with. */
function tokenizeMsPerMessage(texts: readonly string[], rounds: number): number {
  let words = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const t of texts) words += t.toLowerCase().split(/\s+/).length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // Using the count keeps the loop from being optimised away.
  return words > 0 ? ms / (texts.length * rounds) : 0;
}

/** Parse time per message, and dedup check time at 10k / 100k (/ 1M with --full) indexed tickets with memory per ticket. */
export async function parseDedupSection(ctx: BenchContext): Promise<SectionResult> {
  const section = emptySection('parse_dedup', 'Parse and dedup per message');
  const texts = fixtureMessages().map((m) => m.text);
  ctx.progress('parse: IndonesianParser over the fixture messages');
  const parser = IndonesianParser.load();
  const parse = timeParse(parser, texts, pick(ctx, 5, 1));
  const floorMs = tokenizeMsPerMessage(texts, pick(ctx, 5, 1));
  section.measurements.push({
    label: 'parse (IndonesianParser: normalise, intent, category, location, agency)',
    value: round(parse.msPerMessage, 4),
    unit: 'ms/msg',
    baseline: { label: 'lower-case + split only', value: round(floorMs, 5), unit: 'ms/msg' },
    ratio: ratio(parse.msPerMessage, floorMs),
    details: { messages: parse.messages, 'msg/s on one core': round(1000 / Math.max(1e-9, parse.msPerMessage), 0) },
  });

  // The budget is lifted so the figure is the parse's own cost, not the backstop's.
  const unbudgeted = IndonesianParser.load({ budgetMs: Number.POSITIVE_INFINITY });
  const worst = worstParse(
    unbudgeted,
    adversarialTexts(WORST_CASE_LENGTH).map(({ phrase, text }) => ({ label: `${JSON.stringify(phrase)} ×${WORST_CASE_LENGTH.toLocaleString('en-US')} chars`, text })),
    pick(ctx, 5, 1),
  );
  section.measurements.push({
    label: `worst-case parse of a ${WORST_CASE_LENGTH.toLocaleString('en-US')}-character adversarial message`,
    value: round(worst.ms, 1),
    unit: 'ms',
    baseline: { label: 'target', value: WORST_CASE_TARGET_MS, unit: 'ms' },
    ratio: ratio(worst.ms, WORST_CASE_TARGET_MS),
    details: { 'slowest input': worst.input, inputs: adversarialTexts(WORST_CASE_LENGTH).length },
  });
  section.targets.push({
    target: `any ${WORST_CASE_LENGTH.toLocaleString('en-US')}-character message parses in < ${WORST_CASE_TARGET_MS} ms`,
    measured: `${round(worst.ms, 1)} ms (${worst.input})`,
    met: worst.ms < WORST_CASE_TARGET_MS,
  });

  const sizes = ctx.full ? [10_000, 100_000, 1_000_000] : pick(ctx, [10_000, 100_000], [1_000, 5_000]);
  const results = await benchDedup({ sizes, checks: pick(ctx, 2000, 200), log: (line) => ctx.progress(line) });
  const first = results[0];
  for (const r of results) {
    section.measurements.push({
      label: `dedup check at ${r.indexed.toLocaleString('en-US')} indexed tickets`,
      value: round(r.msPerCheck, 3),
      unit: 'ms/check',
      baseline: first ? { label: `the same at ${first.indexed.toLocaleString('en-US')} tickets`, value: round(first.msPerCheck, 3), unit: 'ms/check' } : null,
      ratio: first ? ratio(r.msPerCheck, first.msPerCheck) : null,
      details: {
        'parse + dedup ms/msg': round(parse.msPerMessage + r.msPerCheck, 3),
        'candidates compared': round(r.candidatesPerCheck, 1),
        'bytes/ticket (Redis)': Math.round(r.bytesPerTicket),
        'MB per million tickets': Math.round((r.bytesPerTicket * 1e6) / 1e6),
        'ms/remember': round(r.msPerRemember, 3),
      },
    });
  }
  if (!ctx.full) section.notes.push('1,000,000 indexed tickets only with --full (minutes, about 1 GB of Redis).');
  section.notes.push(
    `Worst case: each of src/parse/adversarialTexts.ts's phrases repeated to ${WORST_CASE_LENGTH.toLocaleString('en-US')} characters, parsed without the time budget; the fastest of the rounds per input, the slowest input reported.`,
    'Parse: mean over the fixture messages (test/fixtures/messages.jsonl) after a warm-up pass, in the bench process. The baseline is a pass that only lower-cases and splits the same texts.',
    'Dedup: src/dedup/dedupBench.ts (the dedup engine\'s own): synthetic tickets shaped like the real stream indexed in a private redis-server, then sequential checks (one in five a resend); ratio = time per check against the smallest size, so flat growth reads ≈ 1×. Memory is Redis used_memory growth per indexed ticket.',
  );
  return section;
}
