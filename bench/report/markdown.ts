import type { BenchRun, Measurement, SectionResult } from './results';

function num(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return String(Math.round(value * 1000) / 1000);
}

function cell(value: number | string | null): string {
  return typeof value === 'number' ? num(value) : (value ?? '—');
}

function details(m: Measurement): string {
  return Object.entries(m.details)
    .map(([k, v]) => `${k} ${cell(v)}`)
    .join(', ');
}

function sectionMarkdown(s: SectionResult): string {
  const lines = [`## ${s.title}`, ''];
  if (s.status !== 'measured') lines.push(`**${s.status}**${s.reason ? `: ${s.reason}` : ''}`, '');
  if (s.measurements.length > 0) {
    lines.push('| figure | value | baseline (same run) | baseline value | ratio | details |', '|---|---|---|---|---|---|');
    for (const m of s.measurements) {
      lines.push(
        `| ${m.label} | ${num(m.value)} ${m.unit} | ${m.baseline?.label ?? '—'} | ${m.baseline ? `${num(m.baseline.value)} ${m.baseline.unit}` : '—'} | ${m.ratio === null ? '—' : `${num(m.ratio)}×`} | ${details(m)} |`,
      );
    }
    lines.push('');
  }
  if (s.targets.length > 0) {
    lines.push('| target | measured | met |', '|---|---|---|');
    for (const t of s.targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`);
    lines.push('');
  }
  for (const n of s.notes) lines.push(`- ${n}`);
  if (s.notes.length > 0) lines.push('');
  return lines.join('\n');
}

/** The human summary written beside the JSON. */
export function benchMarkdown(run: BenchRun): string {
  const m = run.machine;
  return [
    `# LAPOR! gateway benchmark — ${run.startedAt}`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; load average at start ${m.loadAverage1m}` +
      `${run.options.quick ? '; **--quick** (smoke sizes: not for judging targets)' : ''}${run.options.full ? '; --full' : ''}.`,
    '',
    ...run.sections.map(sectionMarkdown),
  ].join('\n');
}
