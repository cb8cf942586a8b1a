import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface FixtureMessage {
  text: string;
  channel: string;
  intent: string;
}

const FALLBACK = [
  'Jalan di depan SDN 3 berlubang besar sejak dua minggu, sudah ada motor jatuh.',
  'Sampah di TPS Pasar Kosambi tidak diangkut sudah seminggu dan baunya menyengat.',
  'Lampu PJU di Jl. Merdeka mati semua, rawan begal malam hari.',
];

let cache: FixtureMessage[] | null = null;

/** The labelled Indonesian messages of test/fixtures/messages.jsonl (real shapes: SMS slang, forms, mentions). */
export function fixtureMessages(): FixtureMessage[] {
  if (cache) return cache;
  const file = join(REPO_ROOT, 'test', 'fixtures', 'messages.jsonl');
  cache = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as FixtureMessage)
    : FALLBACK.map((text) => ({ text, channel: 'web', intent: 'complaint' }));
  return cache;
}

let complaints: string[] | null = null;

/**
 * The n-th complaint text of the load: the fixture complaints in turn, each later round with a
 * different neighbourhood, so dedup sees what it sees in life (similar reports from different
 * citizens), not a stream of exact copies.
 */
export function benchText(n: number): string {
  complaints ??= fixtureMessages()
    .filter((m) => m.intent === 'complaint')
    .map((m) => m.text);
  const list = complaints.length > 0 ? complaints : FALLBACK;
  const round = Math.floor(n / list.length);
  const text = list[n % list.length]!;
  return round === 0 ? text : `${text} (RT ${(round % 15) + 1} RW ${(round % 9) + 1})`;
}
