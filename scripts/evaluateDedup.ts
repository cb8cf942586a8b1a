import path from 'node:path';
import { evaluateDedup, formatDedupEvaluation, loadLabelledDedup } from '../src/dedup/dedupEvaluation';
import { projectFile } from '../src/parse/projectFile';

/**
 * `npm run -s evaluate:dedup [file]`: runs the labelled set (default test/fixtures/dedup.jsonl)
 * through the engine and prints precision, recall and F1 per decision, the confusion matrix and
 * every mistake.
 */
async function main(): Promise<void> {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : projectFile('test', 'fixtures', 'dedup.jsonl');
  const evaluation = await evaluateDedup(loadLabelledDedup(file));
  process.stdout.write(`${formatDedupEvaluation(evaluation)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`evaluate:dedup: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
