/** One figure of the benchmark beside the baseline it is judged against, both from the same run. */
export interface Measurement {
  label: string;
  value: number | null;
  unit: string;
  baseline: { label: string; value: number | null; unit: string } | null;
  /** value / baseline value. */
  ratio: number | null;
  /** Latency percentiles, counts, round trips: whatever explains the figure. */
  details: Record<string, number | string | null>;
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** null when the figure could not be measured in this run. */
  met: boolean | null;
}

export const SECTION_IDS = ['http', 'pipeline', 'sms', 'parse_dedup', 'mongodb'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface SectionResult {
  id: SectionId;
  title: string;
  /** measured; not reachable (a server is missing); not available (a module has not landed); failed (an error, in reason). */
  status: 'measured' | 'not reachable' | 'not available' | 'failed';
  reason?: string;
  measurements: Measurement[];
  targets: TargetCheck[];
  /** How it was measured, in a sentence or two each. */
  notes: string[];
  seconds: number;
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  options: { quick: boolean; full: boolean; only: SectionId[] | null; messages: number | null };
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverage1m: number; platform: string };
  sections: SectionResult[];
}

export function emptySection(id: SectionId, title: string): SectionResult {
  return { id, title, status: 'measured', measurements: [], targets: [], notes: [], seconds: 0 };
}
