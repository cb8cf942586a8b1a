import { ParseDeadline } from '../parseBudget';
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
 * One place name as the message uses it: its first mention (with only the candidates that may
 * count) and how many times it is named. placeMentions gives every mention of one name the same
 * candidate list, which is how they are recognised here.
 */
interface Name {
  mention: Mention;
  count: number;
}

/**
 * Names weighed per message, in the order first named (a sign-off is always kept). A report names
 * a handful; past this the message is a list or a flood, and each name more would cost the
 * resolver time for every other one.
 */
export const MAX_PLACE_NAMES = 32;

/**
 * Chooses one reading of the place names in a message: the region that the most (and strongest)
 * mentions agree on, where a mention agrees with a region when it names the region or one of its
 * ancestors. "Sukajadi … Kota Bandung" is the district Sukajadi in Kota Bandung, not one of the
 * villages called Sukajadi elsewhere.
 */
export function resolveRegion(
  mentions: readonly Mention[],
  table: RegionTable,
  cues: readonly SettlementCue[] = [],
  deadline: ParseDeadline = ParseDeadline.none(),
): Resolution {
  const { names, dropped } = namesOf(mentions);
  const namedBy = namesByCode(names);
  const usable = names
    .map((n) => ({ ...n, mention: { ...n.mention, candidates: n.mention.candidates.filter((c) => !c.needsParent || parentNamedElsewhere(c, n, namedBy)) } }))
    .filter((n) => n.mention.candidates.length > 0);
  if (usable.length === 0) return { code: null, confidence: 0, reasons: [] };

  const anchors = new Set<string>();
  for (const n of usable) for (const c of n.mention.candidates) if (c.anchor) anchors.add(c.region.code);

  const supportOf = supportIndex(usable);
  const bestByCode = new Map<string, Hypothesis>();
  usable.forEach((name, own) => {
    for (const candidate of name.mention.candidates) {
      deadline.tick('place reading');
      if (!ancestorCodes(candidate.region.code).some((a) => anchors.has(a))) continue;
      const score = candidate.weight + supportOf(candidate.region.code, own);
      const known = bestByCode.get(candidate.region.code);
      if (!known || score > known.score) bestByCode.set(candidate.region.code, { candidate, mention: name.mention, score });
    }
  });
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
  if (dropped > 0) reasons.push(`named more than ${MAX_PLACE_NAMES} places: ${dropped} later mentions were not weighed`);
  if (code === null) return { code: null, confidence: 0, reasons };

  const agreeing = usable.filter((n) => n.mention.candidates.some((c) => related(c.region.code, code)));
  for (const n of agreeing) reasons.unshift(mentionReason(n.mention, code, table));
  const agreeingSet = new Set(agreeing);
  const conflicting = usable.filter((n) => n.mention.candidates.some((c) => c.anchor) && !agreeingSet.has(n));
  if (conflicting.length > 0) {
    cap = Math.min(cap, CONFLICT_CONFIDENCE);
    reasons.push(`also named ${quoteAll(conflicting.map((n) => n.mention))}, which is not in ${describe(table.get(code) as Region, table)}`);
  }
  // Each mention counts, a name said twice twice: (1 - w) once per mention.
  const doubt = agreeing.reduce((p, n) => p * (1 - Math.max(...n.mention.candidates.filter((c) => related(c.region.code, code)).map((c) => c.weight))) ** n.count, 1);
  const confidence = Math.min(cap, 0.45 + 0.55 * (1 - doubt));
  return { code, confidence: Math.round(confidence * 1000) / 1000, reasons };
}

/** The names of a message in order of first mention, at most MAX_PLACE_NAMES of them, and how many mentions were left out. */
function namesOf(mentions: readonly Mention[]): { names: Name[]; dropped: number } {
  const byList = new Map<readonly Candidate[], Name>();
  const names: Name[] = [];
  let dropped = 0;
  const last = mentions[mentions.length - 1];
  const signOff = last?.signOff ? last : null;
  const room = MAX_PLACE_NAMES - (signOff ? 1 : 0);
  for (const mention of mentions) {
    const known = byList.get(mention.candidates);
    if (known) {
      known.count++;
      continue;
    }
    if (mention !== signOff && names.length >= room) {
      dropped++;
      continue;
    }
    const name = { mention, count: 1 };
    byList.set(mention.candidates, name);
    names.push(name);
  }
  return { names, dropped };
}

/**
 * support(code, own): what the other mentions add to a reading — each mention counts once,
 * through its strongest candidate that contains the reading — without comparing every candidate
 * with every other: the mentions naming each of the reading's few ancestors are looked up.
 */
function supportIndex(names: readonly Name[]): (code: string, own: number) => number {
  const byCode = new Map<string, { name: number; weight: number }[]>();
  names.forEach((n, index) => {
    for (const c of n.mention.candidates) {
      const list = byCode.get(c.region.code) ?? [];
      const mine = list.find((e) => e.name === index);
      if (mine) mine.weight = Math.max(mine.weight, c.weight);
      else list.push({ name: index, weight: c.weight });
      byCode.set(c.region.code, list);
    }
  });
  const best = new Float64Array(names.length);
  return (code, own) => {
    const touched: number[] = [];
    for (const ancestor of ancestorCodes(code)) {
      for (const { name, weight } of byCode.get(ancestor) ?? []) {
        if (best[name] === 0) touched.push(name);
        best[name] = Math.max(best[name] ?? 0, weight);
      }
    }
    let total = 0;
    for (const name of touched) {
      const count = (names[name] as Name).count - (name === own ? 1 : 0);
      total += count * (best[name] ?? 0);
      best[name] = 0;
    }
    return total;
  };
}

function namesByCode(names: readonly Name[]): Map<string, Name[]> {
  const byCode = new Map<string, Name[]>();
  for (const n of names) {
    for (const c of n.mention.candidates) {
      const list = byCode.get(c.region.code);
      if (!list) byCode.set(c.region.code, [n]);
      else if (list[list.length - 1] !== n) list.push(n);
    }
  }
  return byCode;
}

/** The candidate's parent is named by another mention: another name, or this name said again. */
function parentNamedElsewhere(candidate: Candidate, own: Name, namedBy: ReadonlyMap<string, Name[]>): boolean {
  const parent = parentCode(candidate.region.code);
  return parent !== null && (namedBy.get(parent) ?? []).some((n) => n !== own || n.count > 1);
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
