import { regionLabel } from './locationText';
import type { Candidate, Mention } from './placeMentions';
import { ancestorCodes, contains, parentCode, type Region, type RegionTable, type VillageKind } from './regionTable';

export interface Resolution {
  code: string | null;
  confidence: number;
  reasons: string[];
}

/** A city and a regency share a name ("Bandung") and nothing else decides: the city, said less surely. */
const CITY_OVER_REGENCY_CONFIDENCE = 0.6;
/** The same, with a word of the message (desa, kelurahan) pointing one way. */
const SETTLEMENT_CUE_CONFIDENCE = 0.75;
/** Names repeat in several places and nothing decides: only the part they share is kept. */
const SHARED_ANCESTOR_CONFIDENCE = 0.5;
/** Another place is named that does not fit the chosen one. */
const CONFLICT_CONFIDENCE = 0.6;
const MAX_CONFIDENCE = 0.97;
const EPSILON = 1e-9;
const LISTED_ALTERNATIVES = 4;

/**
 * Words of a message that can tell a kota from a kabupaten of one name: a kind of village it
 * speaks of (decides only when one of the two has none), or the head of its government.
 */
export type SettlementCue = VillageKind | 'kota' | 'kabupaten';

interface Hypothesis {
  candidate: Candidate;
  mention: Mention;
  score: number;
}

/**
 * Chooses one reading of the place names in a message: the region that the most (and strongest)
 * mentions agree on, where a mention agrees with a region when it names the region or one of its
 * ancestors. "Sukajadi … Kota Bandung" is the district Sukajadi in Kota Bandung, not one of the
 * villages called Sukajadi elsewhere.
 */
export function resolveRegion(mentions: readonly Mention[], table: RegionTable, cues: readonly SettlementCue[] = []): Resolution {
  const namedBy = mentionsByCode(mentions);
  const usable = mentions
    .map((m) => ({ ...m, candidates: m.candidates.filter((c) => !c.needsParent || parentNamedElsewhere(c, m, namedBy)) }))
    .filter((m) => m.candidates.length > 0);
  if (usable.length === 0) return { code: null, confidence: 0, reasons: [] };

  const anchors = new Set<string>();
  for (const m of usable) for (const c of m.candidates) if (c.anchor) anchors.add(c.region.code);

  const bestByCode = new Map<string, Hypothesis>();
  for (const mention of usable) {
    for (const candidate of mention.candidates) {
      if (!ancestorCodes(candidate.region.code).some((a) => anchors.has(a))) continue;
      const score = candidate.weight + support(candidate.region.code, mention, usable);
      const known = bestByCode.get(candidate.region.code);
      if (!known || score > known.score) bestByCode.set(candidate.region.code, { candidate, mention, score });
    }
  }
  // Only village names without a region to place them in: everyday words, most of them.
  if (bestByCode.size === 0) return { code: null, confidence: 0, reasons: [] };

  const top = Math.max(...[...bestByCode.values()].map((h) => h.score));
  const tied = [...bestByCode.values()].filter((h) => top - h.score < EPSILON);
  const aboveTied = new Set(tied.flatMap((h) => ancestorCodes(h.candidate.region.code).slice(0, -1)));
  const deepest = tied.filter((h) => !aboveTied.has(h.candidate.region.code));

  const reasons: string[] = [];
  let code: string | null;
  let cap = MAX_CONFIDENCE;
  if (deepest.length === 1) {
    code = (deepest[0] as Hypothesis).candidate.region.code;
  } else if (isCityAndRegencyOfOneName(deepest.map((h) => h.candidate.region))) {
    const city = deepest.find((h) => h.candidate.region.kind === 'kota') as Hypothesis;
    const regency = deepest.find((h) => h.candidate.region.kind === 'kabupaten') as Hypothesis;
    const both = `"${city.mention.text}" names both ${city.candidate.region.name} and ${regency.candidate.region.name}`;
    const decided = decideByCues(cues, city.candidate.region, regency.candidate.region, table);
    if (decided) {
      code = decided.region.code;
      cap = SETTLEMENT_CUE_CONFIDENCE;
      reasons.push(`${both}; chose the ${decided.region.kind === 'kota' ? 'city' : 'kabupaten'} because ${decided.why}`);
    } else {
      code = city.candidate.region.code;
      cap = CITY_OVER_REGENCY_CONFIDENCE;
      reasons.push(`${both}; chose the city because nothing else named decides`);
    }
  } else if (placeThenEnclosingPlace(deepest)) {
    // "pelabuhan Ketapang Banyuwangi", "sungai Kapuas Pontianak": a landmark named after one
    // place, then the place it is in.
    const [first, second] = deepest.sort((a, b) => a.mention.tokenStart - b.mention.tokenStart) as [Hypothesis, Hypothesis];
    code = second.candidate.region.code;
    cap = SHARED_ANCESTOR_CONFIDENCE;
    reasons.push(`"${first.mention.text} ${second.mention.text}" read as a place named ${first.mention.text} in ${second.candidate.region.name}`);
  } else {
    code = sharedAncestor(deepest.map((h) => h.candidate.region.code));
    cap = SHARED_ANCESTOR_CONFIDENCE;
    const places = deepest.slice(0, LISTED_ALTERNATIVES).map((h) => describe(h.candidate.region, table));
    const more = deepest.length > LISTED_ALTERNATIVES ? ` and ${deepest.length - LISTED_ALTERNATIVES} more` : '';
    reasons.push(
      `${quoteAll(deepest.map((h) => h.mention))} fits ${deepest.length} places (${places.join('; ')}${more}); ` +
        (code ? `kept only ${describe(table.get(code) as Region, table)}` : 'no region is common to them'),
    );
  }
  if (code === null) return { code: null, confidence: 0, reasons };

  const agreeing = usable.filter((m) => m.candidates.some((c) => related(c.region.code, code)));
  for (const m of agreeing) reasons.unshift(mentionReason(m, code, table));
  const conflicting = usable.filter((m) => m.candidates.some((c) => c.anchor) && !agreeing.includes(m));
  if (conflicting.length > 0) {
    cap = Math.min(cap, CONFLICT_CONFIDENCE);
    reasons.push(`also named ${quoteAll(conflicting)}, which is not in ${describe(table.get(code) as Region, table)}`);
  }
  const combined = 1 - agreeing.reduce((p, m) => p * (1 - Math.max(...m.candidates.filter((c) => related(c.region.code, code)).map((c) => c.weight))), 1);
  const confidence = Math.min(cap, 0.45 + 0.55 * combined);
  return { code, confidence: Math.round(confidence * 1000) / 1000, reasons };
}

/** What the other mentions add to a reading: each counts once, through its strongest candidate that contains it. */
function support(code: string, own: Mention, mentions: readonly Mention[]): number {
  const ancestors = new Set(ancestorCodes(code));
  let total = 0;
  for (const m of mentions) {
    if (m.tokenStart === own.tokenStart) continue;
    let best = 0;
    for (const c of m.candidates) if (ancestors.has(c.region.code)) best = Math.max(best, c.weight);
    total += best;
  }
  return total;
}

function mentionsByCode(mentions: readonly Mention[]): Map<string, Mention[]> {
  const byCode = new Map<string, Mention[]>();
  for (const m of mentions) {
    for (const c of m.candidates) {
      const list = byCode.get(c.region.code);
      if (!list) byCode.set(c.region.code, [m]);
      else if (list[list.length - 1] !== m) list.push(m);
    }
  }
  return byCode;
}

function parentNamedElsewhere(candidate: Candidate, own: Mention, namedBy: ReadonlyMap<string, Mention[]>): boolean {
  const parent = parentCode(candidate.region.code);
  return parent !== null && (namedBy.get(parent) ?? []).some((m) => m !== own);
}

const CUE_REASONS: Readonly<Record<SettlementCue, string>> = {
  desa: 'the message speaks of a desa, which only it has',
  kelurahan: 'the message speaks of a kelurahan, which only it has',
  kota: 'the message speaks of the city government or mayor',
  kabupaten: 'the message speaks of the kabupaten government or bupati',
};

/** The one of a kota and a kabupaten of one name that every cue of the message points to, or null. */
function decideByCues(
  cues: readonly SettlementCue[],
  city: Region,
  regency: Region,
  table: RegionTable,
): { region: Region; why: string } | null {
  const picks = new Map<Region, SettlementCue>();
  for (const cue of cues) {
    if (cue === 'kota') picks.set(city, cue);
    else if (cue === 'kabupaten') picks.set(regency, cue);
    else {
      const [inCity, inRegency] = [table.hasVillages(city.code, cue), table.hasVillages(regency.code, cue)];
      if (inCity !== inRegency) picks.set(inCity ? city : regency, cue);
    }
  }
  if (picks.size !== 1) return null;
  const [[region, cue]] = [...picks] as [[Region, SettlementCue]];
  return { region, why: CUE_REASONS[cue] };
}

function isCityAndRegencyOfOneName(regions: Region[]): boolean {
  if (regions.length !== 2) return false;
  const [a, b] = regions as [Region, Region];
  return a.level === 'regency' && b.level === 'regency' && a.kind !== b.kind && a.baseName === b.baseName;
}

/** Two readings from two names written next to each other, in different regencies. */
function placeThenEnclosingPlace(tied: readonly Hypothesis[]): boolean {
  if (tied.length !== 2) return false;
  const [a, b] = [...tied].sort((x, y) => x.mention.tokenStart - y.mention.tokenStart) as [Hypothesis, Hypothesis];
  return a.mention.tokenEnd === b.mention.tokenStart && !contains(a.candidate.region.code.slice(0, 5), b.candidate.region.code);
}

function sharedAncestor(codes: string[]): string | null {
  const paths = codes.map(ancestorCodes);
  let shared: string | null = null;
  for (const candidate of paths[0] ?? []) {
    if (paths.every((p) => p.includes(candidate))) shared = candidate;
  }
  return shared;
}

function related(a: string, b: string): boolean {
  return contains(a, b) || contains(b, a);
}

function mentionReason(m: Mention, chosen: string, table: RegionTable): string {
  const region = m.candidates
    .map((c) => c.region)
    .filter((r) => related(r.code, chosen))
    .sort((a, b) => Number(contains(b.code, chosen)) - Number(contains(a.code, chosen)) || b.code.length - a.code.length)[0];
  const landmark = m.candidates.some((c) => c.landmark && related(c.region.code, chosen));
  const how = m.typo
    ? ' (read as a misspelling)'
    : landmark
      ? ' (a landmark there)'
      : m.prefix
        ? ''
        : m.signOff
          ? ' (named at the end, after a comma)'
          : m.candidates.every((c) => !c.anchor)
            ? ' (supported by the region named with it)'
            : '';
  return region ? `"${m.text}" → ${describe(region, table)}${how}` : `"${m.text}"`;
}

/** "Kec. Coblong, Kota Bandung, Jawa Barat (32.73.02)". */
function describe(region: Region, table: RegionTable): string {
  const path = table.path(region.code).reverse();
  return `${path.map(labelled).join(', ')} (${region.code})`;
}

function labelled(region: Region): string {
  return regionLabel(region.level, region.code, region.name);
}

function quoteAll(mentions: readonly Mention[]): string {
  return [...new Set(mentions.map((m) => `"${m.text}"`))].join(', ');
}
