import aliasesFile from '../../../config/regions/aliases.json';
import commonWordsFile from '../../../config/regions/common-words.json';
import type { NamedCode, ParsedLocation } from '../parser';
import { ParseDeadline } from '../parseBudget';
import { addressText, extractAddress } from './addressText';
import { NameIndex } from './nameIndex';
import { findMentions, type MentionContext } from './placeMentions';
import { placeTokens, type PlaceToken } from './placeText';
import { resolveRegion, type SettlementCue } from './regionResolver';
import { RegionTable } from './regionTable';
import { allowedEdits, RecentTypos, TypoIndex, TypoScan } from './typoIndex';

export interface RegionMatch {
  location: ParsedLocation;
  /** The most specific region found, or null. */
  regionCode: string | null;
  /** 0..1: how sure the region is right; 0 when none was found. */
  confidence: number;
  reasons: string[];
}


/**
 * Words that tell a kota from a kabupaten of one name. A desa exists only in a kabupaten (in every
 * such pair but Jayapura) and some kabupaten have no kelurahan: the resolver checks the region
 * table rather than trusting the word. "Kampung" is no administrative unit and decides nothing.
 */
const CUE_WORDS: ReadonlyMap<string, SettlementCue> = new Map([
  ['desa', 'desa'],
  ['ds', 'desa'],
  ['dusun', 'desa'],
  ['dsn', 'desa'],
  ['kades', 'desa'],
  ['pedesaan', 'desa'],
  ['perdesaan', 'desa'],
  ['bumdes', 'desa'],
  ['kelurahan', 'kelurahan'],
  ['kel', 'kelurahan'],
  ['lurah', 'kelurahan'],
  ['walikota', 'kota'],
  ['pemkot', 'kota'],
  ['bupati', 'kabupaten'],
  ['pemkab', 'kabupaten'],
]);

function settlementCues(tokens: readonly PlaceToken[]): SettlementCue[] {
  const cues = new Set<SettlementCue>();
  tokens.forEach((t, i) => {
    const cue = t.word === 'kota' && tokens[i - 1]?.word === 'wali' ? 'kota' : CUE_WORDS.get(t.word);
    if (cue) cues.add(cue);
  });
  return [...cues];
}

/**
 * Finds the administrative region (province, regency/city, district, village with Kemendagri
 * codes) a message is about, plus its street/landmark text. Indexes are built once in load();
 * match() only looks words up.
 */
export class RegionMatcher {
  private constructor(
    private readonly table: RegionTable,
    private readonly ctx: MentionContext,
  ) {}

  static load(table: RegionTable = RegionTable.shared()): RegionMatcher {
    const names = new NameIndex(table, aliasesFile.aliases, { alone: aliasesFile.landmarks, withRegion: aliasesFile.localNames });
    const upperKeys: [string, number][] = [];
    const districtKeys: string[] = [];
    for (const [key, entries] of names.entries()) {
      const official = entries.filter((e) => !e.alias);
      if (official.some((e) => e.region.level === 'province' || e.region.level === 'regency')) {
        upperKeys.push([key, allowedEdits(key.replace(/ /g, '').length)]);
      }
      if (official.some((e) => e.region.level === 'district')) districtKeys.push(key);
    }
    return new RegionMatcher(table, {
      names,
      typos: new RecentTypos(new TypoIndex(upperKeys)),
      districtTypos: new RecentTypos(new TypoScan(districtKeys)),
      commonWords: new Set(commonWordsFile.words),
    });
  }

  match(text: string, deadline: ParseDeadline = ParseDeadline.none()): RegionMatch {
    const tokens = placeTokens(text);
    const { segments, streetNameTokens } = extractAddress(text, tokens, this.ctx.commonWords);
    deadline.check('place words');
    const mentions = findMentions(text, tokens, streetNameTokens, this.ctx, deadline);
    deadline.check('place names');
    const resolution = resolveRegion(mentions, this.table, settlementCues(tokens), deadline);
    const regionStarts = new Set(mentions.filter((m) => m.candidates.some((c) => c.anchor)).map((m) => m.tokenStart));
    const address = addressText(text, tokens, segments, regionStarts);
    const reasons = (resolution.reasons.length > 0 ? resolution.reasons : ['no region named']).map((r) => `place: ${r}`);
    if (address) reasons.push(`place: address text "${address}"`);
    return {
      location: { ...this.namedPath(resolution.code), address },
      regionCode: resolution.code,
      confidence: resolution.confidence,
      reasons,
    };
  }

  private namedPath(code: string | null): Omit<ParsedLocation, 'address'> {
    const named: Omit<ParsedLocation, 'address'> = { province: null, regency: null, district: null, village: null };
    if (!code) return named;
    for (const region of this.table.path(code)) {
      const value: NamedCode = { code: region.code, name: region.name };
      named[region.level] = value;
    }
    return named;
  }
}
