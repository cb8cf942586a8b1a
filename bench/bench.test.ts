import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECTION_IDS, type BenchRun } from './report/results';

const RUN_JS = join(__dirname, '..', 'dist', 'bench', 'run.js');

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN_JS, ...args], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

// No timing assertions here (project rule): the targets are judged by `npm run bench`, not by tests.
describe('npm run bench --quick (smoke)', () => {
  let out: string;
  let run: BenchRun;
  let markdown: string;

  beforeAll(async () => {
    if (!existsSync(RUN_JS)) throw new Error(`${RUN_JS} is missing: run npm run build (npm test does it)`);
    out = mkdtempSync(join(tmpdir(), 'lapor-bench-test-'));
    const { code, stderr } = await runCli(['--quick', '--messages', '20', '--out', out]);
    if (code !== 0) throw new Error(`bench exited with ${code}: ${stderr.slice(-3000)}`);
    run = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchRun;
    markdown = readFileSync(join(out, 'latest.md'), 'utf8');
  }, 30 * 60_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('writes every section, each measured or saying why not', () => {
    expect(run.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    for (const s of run.sections) {
      if (s.id === 'mongodb' && s.status === 'not reachable') {
        expect(s.reason).toBeTruthy();
        expect(markdown).toContain('not reachable');
        continue;
      }
      expect({ id: s.id, status: s.status, reason: s.reason }).toEqual({ id: s.id, status: 'measured', reason: undefined });
      expect(s.measurements.length).toBeGreaterThan(0);
    }
  });

  it('puts every throughput and per-message figure beside a baseline from the same run', () => {
    const figures = run.sections.flatMap((s) => s.measurements).filter((m) => m.unit !== 's');
    expect(figures.length).toBeGreaterThan(0);
    for (const m of figures) {
      expect({ label: m.label, hasValue: typeof m.value === 'number', baseline: typeof m.baseline?.value === 'number' }).toEqual({ label: m.label, hasValue: true, baseline: true });
    }
    for (const id of ['http', 'pipeline', 'sms', 'parse_dedup'] as const) {
      expect(run.sections.find((s) => s.id === id)?.measurements.some((m) => m.baseline !== null)).toBe(true);
    }
  });

  it('states the targets and writes a Markdown summary with every section', () => {
    const targets = run.sections.flatMap((s) => s.targets.map((t) => t.target));
    expect(targets).toEqual(expect.arrayContaining([expect.stringContaining('1,000 msg/s'), expect.stringContaining('50%'), expect.stringContaining('p99')]));
    for (const s of run.sections) expect(markdown).toContain(`## ${s.title}`);
    expect(markdown).toContain('baseline (same run)');
  });
});
