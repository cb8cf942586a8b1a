import { loadDataset, splitDataset } from '../src/parse/dataset';
import { evaluateParser, formatReport } from '../src/parse/evaluation';
import { IndonesianParser } from '../src/parse/indonesianParser';
import { timeParse } from '../src/parse/parseBench';

/**
 * `npm run -s evaluate`: the parser on the held-out fifth of test/fixtures/messages.jsonl:
 * per-class precision/recall/F1 and confusion matrices for intent and category, region accuracy
 * where the message names a place (a label listing a kota and a kabupaten of one name accepts
 * either; how many such messages there are is printed), and the average parse time. `--all` evaluates every message
 * (the training part included, so only a sanity check).
 */
function main(): void {
  const all = process.argv.includes('--all');
  const dataset = loadDataset();
  const messages = all ? dataset : splitDataset(dataset).heldOut;
  const loadStart = process.hrtime.bigint();
  const parser = IndonesianParser.load();
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const result = evaluateParser(parser, messages);
  const timing = timeParse(parser, dataset.map((m) => m.text));
  const pct = (x: number) => x.toFixed(3);
  const out = [
    `${all ? 'all' : 'held-out'} messages: ${messages.length} of ${dataset.length}`,
    '',
    formatReport('intent', result.intent),
    '',
    formatReport('category', result.category),
    '',
    `province accuracy ${pct(result.province.accuracy)} (${result.province.correct}/${result.province.total})`,
    `regency accuracy  ${pct(result.regency.accuracy)} (${result.regency.correct}/${result.regency.total})`,
    `  of which ${result.regency.ambiguous} name only a kota and kabupaten of one name (either accepted): ${result.regency.ambiguousCorrect}/${result.regency.ambiguous}; ` +
      `naming one: ${result.regency.correct - result.regency.ambiguousCorrect}/${result.regency.total - result.regency.ambiguous}`,
    `parser load ${loadMs.toFixed(0)} ms; parse ${timing.msPerMessage.toFixed(3)} ms/message over ${timing.messages} parses`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
