import type Redis from 'ioredis';
import { pagesOf } from '../store/pages';
import type { Store, Ticket } from '../store/types';
import { isFinal } from '../tickets/status';
import type { CaseIds } from './caseIds';
import { DAY_MS, type DedupConfig } from './dedupConfig';
import { DedupIndex, type IndexEntry } from './dedupIndex';
import { followupSignal } from './followupSignals';
import { bandKeys, MinHasher, similarity, type Signature } from './minhash';
import { comparePlaces, REGENCY_DEPTH, regencyOf } from './places';
import { SenderLock } from './senderLock';
import { claimedValue, lookupIdentities, senderIdentities, verifiedIdentities } from './senderIdentities';
import { contentTokens, shingles, textKey, tokenize } from './shingles';

export interface DedupInput {
  messageKey: string;
  /**
   * Every identity of the sender (see senderIdentities): a verified one in common makes two messages
   * the same sender's; a claimed one (typed into a form) only proposes a possible duplicate.
   */
  senderIds: string[];
  channel: string;
  /** The text as received. */
  text: string;
  /** The parser's normalised text (slang expanded); the original text is used when empty. */
  normalizedText: string;
  intent: string;
  category: string;
  regionCode: string | null;
  receivedAt: Date;
  /** Photos or files with the message: a photo without text from a sender with an open ticket is a follow-up. */
  attachmentCount?: number;
}

export type DedupKind = 'new' | 'duplicate' | 'followup' | 'cluster' | 'review';

export interface DedupDecision {
  kind: DedupKind;
  /** The ticket the message repeats, adds to, shares a case with, or may duplicate; null for new. */
  trackingId: string | null;
  /** The case to put the new ticket in (cluster), or the referred ticket's case. */
  caseId: string | null;
  /** Estimated Jaccard similarity to the referred ticket (for new: the best seen). */
  similarity: number;
  /** Why, for operators. */
  reasons: string[];
  /**
   * A ticket whose reporter shares only a typed-in phone or email with this sender, for operators'
   * eyes only. It never changes `kind`: the sender must see exactly what any other number would get.
   */
  advisory?: DedupAdvisory;
}

export interface DedupAdvisory {
  trackingId: string;
  similarity: number;
  reasons: string[];
}

export interface RememberInput extends DedupInput {
  trackingId: string;
  caseId: string | null;
}

/** Categories that say nothing about the problem: two "lainnya" reports are not the same case. */
const UNKNOWN_CATEGORIES = new Set(['', 'lainnya', 'unknown']);
/** Store reads per check when looking for the sender's open ticket: the newest few are enough. */
const OPEN_TICKET_LOOKUPS = 3;
const REBUILD_PAGE = 500;

interface Analysis {
  tokens: string[];
  shingleCount: number;
  signature: Signature;
  textKey: string;
  bandKeys: string[];
  block: string | null;
}

interface Scored {
  entry: IndexEntry;
  similarity: number;
  exact: boolean;
  /** The verified identity both messages share, or null for another citizen. */
  sharedSender: string | null;
  /** When no verified identity is shared: an identity one side only typed in, which proves nothing. */
  claimedSender: string | null;
}

/**
 * Decides whether a message repeats, adds to or joins an earlier ticket. Candidates come only from
 * the sender's recent tickets, LSH buckets of the text's MinHash signature and the recent tickets of
 * the same category in the same regency, each bounded in config/dedup.json; their stored signatures
 * are then compared. So a check costs a few Redis round trips however many tickets are indexed.
 *
 * The worker wraps check → create ticket → remember in `withSenderLock` so that concurrent copies
 * of one message are serialised (see SenderLock). The index lives in Redis and can be rebuilt from
 * the store (`rebuild`) after Redis lost its data.
 */
export class DedupEngine {
  private readonly index: DedupIndex;
  private readonly lock: SenderLock;
  private readonly hasher: MinHasher;
  /** Counters for benchmarks and tests: how many stored signatures checks compared. */
  readonly stats = { checks: 0, candidatesExamined: 0 };

  constructor(
    redis: Redis,
    private readonly store: Store,
    private readonly config: DedupConfig,
    private readonly caseIds: CaseIds,
  ) {
    this.index = new DedupIndex(redis, config.keyPrefix);
    this.lock = new SenderLock(redis, config.keyPrefix, config.lockMs);
    this.hasher = new MinHasher(config.minhash.hashes, config.minhash.seed);
  }

  withSenderLock<T>(senderIds: string[], fn: () => Promise<T>): Promise<T> {
    return this.lock.run(senderIds, fn);
  }

  /**
   * The decision rests on verified identities and the text only: a phone or email typed into a form
   * finds candidates in a second, separate lookup whose result is an advisory for operators. So the
   * decision (and all the sender sees of it) is the same whichever number was typed.
   */
  async check(input: DedupInput): Promise<DedupDecision> {
    const a = this.analyse(input);
    const decision = await this.decide(input, a, await this.candidates(input, a));
    if (decision.kind === 'duplicate' || decision.kind === 'followup') return decision;
    const advisory = await this.claimedMatch(input, a, decision);
    return advisory ? { ...decision, advisory } : decision;
  }

  private async decide(input: DedupInput, a: Analysis, scored: Scored[]): Promise<DedupDecision> {
    const at = input.receivedAt.getTime();
    const within = withinDaysOf(input.receivedAt);
    const { thresholds, windows } = this.config;
    const mine = scored.filter((s) => s.sharedSender !== null);
    const others = scored.filter((s) => s.sharedSender === null && within(s, windows.clusterDays));
    const best = bestOf(scored);

    const sameText = bestOf(mine.filter((s) => within(s, windows.duplicateDays)));
    if (sameText && sameText.similarity >= thresholds.duplicate) {
      const how = describeMatch(sameText, thresholds.duplicate, at);
      // Only another regency counts against the sender's own near-identical text: a retype that
      // gains or loses a village name makes the parser's finer codes differ without a new place.
      if (comparePlaces(input.regionCode, sameText.entry.regionCode, REGENCY_DEPTH) === 'different') {
        return decide('review', sameText, [
          `possible duplicate of ${sameText.entry.trackingId}: ${how}, but it names another place (${input.regionCode} vs ${sameText.entry.regionCode})`,
        ]);
      }
      return decide('duplicate', sameText, [how]);
    }

    const signal = followupSignal({ text: input.text, intent: input.intent, attachmentCount: input.attachmentCount ?? 0, tokens: a.tokens });
    if (signal) {
      const open = await this.latestOpenTicket(mine.filter((s) => within(s, windows.followupDays)));
      if (open) {
        return decide('followup', open.scored, [
          `${signal}; the same sender (${identityKind(open.scored.sharedSender)}) has open ticket ${open.ticket.trackingId} (${open.ticket.status}) from ${ago(at, open.scored.entry.receivedAt)}`,
        ]);
      }
    }

    if (sameText && sameText.similarity >= thresholds.review) {
      return decide('review', sameText, [
        `possible duplicate of ${sameText.entry.trackingId}: the same sender (${identityKind(sameText.sharedSender)}) sent a partly similar text ${ago(at, sameText.entry.receivedAt)} (similarity ${fmt(sameText.similarity)}, between ${fmt(thresholds.review)} and ${fmt(thresholds.duplicate)})`,
      ]);
    }

    const known = !UNKNOWN_CATEGORIES.has(input.category);
    const sameCase = bestOf(
      others.filter(
        (s) => known && s.entry.category === input.category && comparePlaces(input.regionCode, s.entry.regionCode) === 'same' && s.similarity >= thresholds.cluster,
      ),
    );
    if (sameCase) {
      const caseId = sameCase.entry.caseId ?? this.caseIdFor(sameCase.entry.trackingId);
      return {
        kind: 'cluster',
        trackingId: sameCase.entry.trackingId,
        caseId,
        similarity: sameCase.similarity,
        reasons: [
          `another citizen reported ${input.category} in the same place (${sameCase.entry.regionCode}) ${ago(at, sameCase.entry.receivedAt)} in similar words (similarity ${fmt(sameCase.similarity)} ≥ ${fmt(thresholds.cluster)}): ticket ${sameCase.entry.trackingId}, case ${caseId}; the tickets stay separate`,
        ],
      };
    }

    const lookalike = bestOf(others.filter((s) => s.similarity >= thresholds.crossSenderReview && comparePlaces(input.regionCode, s.entry.regionCode) !== 'different'));
    if (lookalike) {
      return decide('review', lookalike, [
        `possible duplicate of ${lookalike.entry.trackingId}: another sender sent nearly the same text ${ago(at, lookalike.entry.receivedAt)} (similarity ${fmt(lookalike.similarity)}); the place or category does not confirm one case, so a person decides`,
      ]);
    }

    const reasons = [best ? `no earlier ticket close enough (best similarity ${fmt(best.similarity)} with ${best.entry.trackingId})` : 'no similar ticket in the windows'];
    if (signal) reasons.push(`${signal}, but the sender has no open ticket in the last ${windows.followupDays} days`);
    return { kind: 'new', trackingId: null, caseId: null, similarity: best?.similarity ?? 0, reasons };
  }

  /** Indexes a stored ticket. Idempotent, so a retried job may call it again. */
  async remember(input: RememberInput): Promise<void> {
    const a = this.analyse(input);
    const { windows } = this.config;
    await this.index.add({
      entry: {
        trackingId: input.trackingId,
        caseId: input.caseId,
        category: input.category,
        regionCode: input.regionCode,
        receivedAt: input.receivedAt,
        senderIds: input.senderIds,
        signature: a.signature,
        shingleCount: a.shingleCount,
        textKey: a.textKey,
      },
      bandKeys: a.shingleCount > 0 ? a.bandKeys : [],
      block: a.block,
      senderWindowMs: Math.max(windows.duplicateDays, windows.followupDays) * DAY_MS,
      clusterWindowMs: windows.clusterDays * DAY_MS,
    });
  }

  /** The id a case started by this ticket gets (see CaseIds). */
  caseIdFor(trackingId: string): string {
    return this.caseIds.for(trackingId);
  }

  /** Records that an indexed ticket now belongs to a case (the worker also stores it on the ticket). */
  attachCase(trackingId: string, caseId: string): Promise<void> {
    return this.index.setCase(trackingId, caseId);
  }

  /**
   * Re-indexes the tickets created within the longest window before `now`, from the store. Run it
   * after Redis lost its data (a new Redis, a flush, a restore without the dedup keys) or after
   * changing shingles or hashing in config/dedup.json; until then checks only see tickets made
   * since. `normalize` must be the parser's normalisation, as used by the worker. Returns the
   * number of tickets indexed.
   */
  async rebuild(normalize: (ticket: Ticket) => string, now: Date): Promise<number> {
    const { windows } = this.config;
    const from = new Date(now.getTime() - Math.max(windows.duplicateDays, windows.followupDays, windows.clusterDays) * DAY_MS);
    let count = 0;
    for await (const tickets of pagesOf((offset, limit) => this.store.tickets.list({ from, to: now }, offset, limit), REBUILD_PAGE)) {
      for (const t of tickets) {
        await this.remember({
          messageKey: t.sourceKey,
          senderIds: senderIdentities(t.channel, t.reporter),
          channel: t.channel,
          text: t.text,
          normalizedText: normalize(t),
          intent: 'complaint',
          category: t.category,
          regionCode: t.regionCode,
          receivedAt: t.createdAt,
          trackingId: t.trackingId,
          caseId: t.caseId,
        });
        count++;
      }
    }
    return count;
  }

  private analyse(input: DedupInput): Analysis {
    const tokens = tokenize(input.normalizedText.trim() || input.text);
    const set = shingles(contentTokens(tokens), this.config.shingleSize);
    const signature = this.hasher.signature(set);
    const regency = regencyOf(input.regionCode);
    return {
      tokens,
      shingleCount: set.size,
      signature,
      textKey: tokens.length > 0 ? textKey(tokens) : '',
      bandKeys: bandKeys(signature, this.config.minhash.bands, this.config.minhash.rows),
      block: !UNKNOWN_CATEGORIES.has(input.category) && regency ? `${input.category}|${regency}` : null,
    };
  }

  /** The sender's own tickets (verified identities only), LSH buckets and the category/place block. */
  private async candidates(input: DedupInput, a: Analysis): Promise<Scored[]> {
    const { windows, limits } = this.config;
    const at = input.receivedAt.getTime();
    const senderSince = at - Math.max(windows.duplicateDays, windows.followupDays) * DAY_MS;
    const clusterSince = at - windows.clusterDays * DAY_MS;
    const entries = await this.index.candidates({
      senderIds: verifiedIdentities(input.senderIds),
      sender: { since: senderSince, limit: limits.senderRecent },
      bandKeys: a.shingleCount > 0 ? a.bandKeys : [],
      bucket: { since: clusterSince, limit: limits.bucketCandidates },
      block: a.block,
      blockRange: { since: clusterSince, limit: limits.blockCandidates },
      cap: limits.maxCandidates,
    });
    this.stats.checks++;
    this.stats.candidatesExamined += entries.length;
    return this.score(input, a, entries);
  }

  /**
   * Tickets filed under a phone or email this sender shares with them only through a claim (typed
   * by either side): read on their own, so they can neither crowd out nor join the decision's
   * candidates. Empty without such identities.
   */
  private async claimCandidates(input: DedupInput, a: Analysis): Promise<Scored[]> {
    const verified = new Set(verifiedIdentities(input.senderIds));
    const keys = lookupIdentities(input.senderIds).filter((id) => !verified.has(id) && /^(claim:)?(tel|email):/.test(id));
    if (keys.length === 0) return [];
    const { windows, limits } = this.config;
    const since = input.receivedAt.getTime() - Math.max(windows.duplicateDays, windows.followupDays) * DAY_MS;
    const entries = await this.index.candidates({
      senderIds: keys,
      sender: { since, limit: limits.senderRecent },
      bandKeys: [],
      bucket: { since, limit: 0 },
      block: null,
      blockRange: { since, limit: 0 },
      cap: limits.senderRecent,
    });
    this.stats.candidatesExamined += entries.length;
    return this.score(input, a, entries).filter((s) => s.sharedSender === null && s.claimedSender !== null);
  }

  private score(input: DedupInput, a: Analysis, entries: IndexEntry[]): Scored[] {
    const verified = new Set(verifiedIdentities(input.senderIds));
    const values = new Set(input.senderIds.map(claimedValue));
    const scored: Scored[] = [];
    for (const entry of entries) {
      const exact = a.textKey !== '' && entry.textKey === a.textKey;
      const comparable = a.shingleCount > 0 && entry.shingleCount > 0;
      scored.push({
        entry,
        exact,
        similarity: exact ? 1 : comparable ? similarity(a.signature, entry.signature) : 0,
        sharedSender: entry.senderIds.find((id) => verified.has(id)) ?? null,
        claimedSender: entry.senderIds.find((id) => values.has(claimedValue(id)) && !verified.has(id)) ?? null,
      });
    }
    return scored;
  }

  /**
   * A ticket whose reporter shares only a typed-in phone or email with this sender, and that would be
   * a duplicate or follow-up were the identity verified: an advisory for operators. Never attached
   * and never held back by the machine, since anyone can type a victim's number to reach her ticket,
   * and holding his report would tell him she has one.
   */
  private async claimedMatch(input: DedupInput, a: Analysis, decision: DedupDecision): Promise<DedupAdvisory | null> {
    const { thresholds, windows } = this.config;
    const claimed = await this.claimCandidates(input, a);
    if (claimed.length === 0) return null;
    const at = input.receivedAt.getTime();
    const within = withinDaysOf(input.receivedAt);
    const similar = bestOf(claimed.filter((s) => within(s, windows.duplicateDays) && s.similarity >= thresholds.review));
    if (similar) {
      return advise(similar, [
        `possible duplicate of ${similar.entry.trackingId}: ${claimKind(similar.claimedSender)} matches that ticket's reporter, but it was typed in, not verified; the text is similar (similarity ${fmt(similar.similarity)}) and was sent ${ago(at, similar.entry.receivedAt)}. The report was handled as from any other sender (${decision.kind}); a person decides whether to join them`,
      ]);
    }
    const signal = followupSignal({ text: input.text, intent: input.intent, attachmentCount: input.attachmentCount ?? 0, tokens: a.tokens });
    if (!signal) return null;
    const open = await this.latestOpenTicket(claimed.filter((s) => within(s, windows.followupDays)));
    if (!open) return null;
    return advise(open.scored, [
      `possible follow-up of ${open.ticket.trackingId} (${signal}): ${claimKind(open.scored.claimedSender)} matches that open ticket's reporter, but it was typed in, not verified. The report was handled as from any other sender (${decision.kind}); a person decides whether to join them`,
    ]);
  }

  /** The newest of the sender's tickets that is still open in the store. */
  private async latestOpenTicket(mine: Scored[]): Promise<{ scored: Scored; ticket: Ticket } | null> {
    const newestFirst = [...mine].sort((x, y) => y.entry.receivedAt.getTime() - x.entry.receivedAt.getTime());
    for (const scored of newestFirst.slice(0, OPEN_TICKET_LOOKUPS)) {
      const ticket = await this.store.tickets.get(scored.entry.trackingId);
      if (ticket && !isFinal(ticket.status) && ticket.status !== 'selesai') return { scored, ticket };
    }
    return null;
  }
}

/** Highest similarity; the newer ticket on a tie (a citizen's latest report is the one they mean). */
function bestOf(list: Scored[]): Scored | null {
  let best: Scored | null = null;
  for (const s of list) {
    if (!best || s.similarity > best.similarity || (s.similarity === best.similarity && s.entry.receivedAt > best.entry.receivedAt)) best = s;
  }
  return best;
}

function decide(kind: DedupKind, s: Scored, reasons: string[]): DedupDecision {
  return { kind, trackingId: s.entry.trackingId, caseId: s.entry.caseId, similarity: s.similarity, reasons };
}

/** Whether a candidate was received at most `days` before `at`: each window of config/dedup.json. */
function withinDaysOf(at: Date): (s: Scored, days: number) => boolean {
  return (s, days) => at.getTime() - s.entry.receivedAt.getTime() <= days * DAY_MS;
}

function advise(s: Scored, reasons: string[]): DedupAdvisory {
  return { trackingId: s.entry.trackingId, similarity: s.similarity, reasons };
}

function describeMatch(s: Scored, threshold: number, at: number): string {
  const text = s.exact ? 'the same text' : `nearly the same text (similarity ${fmt(s.similarity)} ≥ ${fmt(threshold)})`;
  return `the same sender (${identityKind(s.sharedSender)}) sent ${text} ${ago(at, s.entry.receivedAt)} as ticket ${s.entry.trackingId}`;
}

/** "tel", "sms", "twitter": which identity matched, without the number or handle itself (reasons reach logs). */
function identityKind(id: string | null): string {
  return id ? id.slice(0, id.indexOf(':')) : 'unknown';
}

/** "a typed tel" / "a typed email": which kind of claim matched, never its value (reasons reach logs). */
function claimKind(id: string | null): string {
  return `a typed ${identityKind(id === null ? null : claimedValue(id))}`;
}

function ago(at: number, then: Date): string {
  const minutes = Math.round((at - then.getTime()) / 60_000);
  if (minutes < 1) return 'moments earlier';
  if (minutes < 120) return `${minutes} min earlier`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h earlier` : `${Math.round(hours / 24)} days earlier`;
}

function fmt(n: number): string {
  return n.toFixed(2);
}
