import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from './harness';
import { SECTION_IDS, type SectionId } from './report/results';
import { REPO_ROOT } from './support/paths';

const USAGE = `usage: npm run bench -- [--quick] [--full] [--only <section>[,<section>…]] [--out <dir>]
  --quick   smoke sizes (seconds, not minutes); the figures are not for judging targets
  --full    dedup also at 1,000,000 stored tickets (minutes)
  --only    ${SECTION_IDS.join(', ')}
  --messages  messages per end-to-end run (default 3000, --quick 60; at most 10000)
  --out     where the JSON and Markdown go (default bench/results)`;

interface Args {
  quick: boolean;
  full: boolean;
  only: SectionId[] | null;
  messages: number | null;
  outDir: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, full: false, only: null, messages: null, outDir: join(REPO_ROOT, 'bench', 'results') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--full') args.full = true;
    else if (a === '--only' || a === '--out' || a === '--messages') {
      const value = argv[++i];
      if (!value) throw new Error(`${a} needs a value\n${USAGE}`);
      if (a === '--out') args.outDir = value;
      else if (a === '--messages') {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 10 || n > 10_000) throw new Error(`--messages must be an integer from 10 to 10000\n${USAGE}`);
        args.messages = n;
      }
      else {
        const ids = value.split(',').map((s) => s.trim());
        const unknown = ids.filter((id) => !(SECTION_IDS as readonly string[]).includes(id));
        if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
        args.only = ids as SectionId[];
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const progress = (message: string) => process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}\n`);
  const out = await runBench({ ...args, progress });
  process.stdout.write(`${readFileSync(out.markdownFile, 'utf8')}\n`);
  process.stderr.write(`results: ${out.jsonFile}\n         ${out.markdownFile}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
