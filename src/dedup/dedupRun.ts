import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { z } from 'zod';
import type { Parser } from '../parse/parser';
import { startRedisServer } from '../redis/redisServer';
import { openStore } from '../store/openStore';
import type { Store } from '../store/types';
import { generateTrackingNumber } from '../tickets/trackingNumber';
import { CaseIds } from './caseIds';
import { loadDedupConfig, type DedupConfig } from './dedupConfig';
import { DedupEngine, type DedupDecision, type DedupKind } from './dedupEngine';
import { normalizeIndonesianPhone } from '../message/phone';
import { senderIdentities } from './senderIdentities';

/** One input line of `npm run -s dedup`. `phone` is a phone the sender typed in (a claim: it can only add an advisory); `attachments` counts photos. */
export const DedupRunInput = z.object({
  id: z.string().min(1),
  sender: z.string().min(1),
  channel: z.string().min(1),
  text: z.string(),
  receivedAt: z.union([z.string(), z.number()]).pipe(z.coerce.date()),
  phone: z.string().optional(),
  attachments: z.number().int().nonnegative().optional(),
});
export type DedupRunInput = z.infer<typeof DedupRunInput>;

export interface DedupRunOutput {
  id: string;
  decision: DedupKind;
  /** The input id of the message that made the referred ticket, or null. */
  ref: string | null;
  similarity: number;
  reasons: string[];
  /** The input id of the message behind an operator-only advisory (a match on a typed phone or email), or null. */
  advisory: string | null;
}

interface ParsedBits {
  normalizedText: string;
  intent: string;
  category: string;
  regionCode: string | null;
}

/** What the engine needs of a message; without the Indonesian parser, category and place stay unknown. */
type Understand = (input: DedupRunInput) => ParsedBits;

/**
 * Loads the Indonesian parser when it is part of this build (src/parse/indonesianParser), so the
 * CLI sees categories and places exactly as the worker does. Loaded by path because the parser
 * ships separately from dedup; without it dedup still finds same-sender duplicates and follow-ups.
 */
export async function loadUnderstanding(): Promise<{ understand: Understand; parser: string }> {
  const file = path.join(__dirname, '..', 'parse', `indonesianParser${path.extname(__filename)}`);
  if (existsSync(file)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module resolved at run time
    const mod = require(file) as { IndonesianParser: { load(): Parser | Promise<Parser> } };
    const parser = await mod.IndonesianParser.load();
    return {
      parser: 'indonesian',
      understand: (input) => {
        const p = parser.parse({ text: input.text, fields: null, channel: input.channel });
        return { normalizedText: p.normalizedText, intent: p.intent, category: p.category, regionCode: p.regionCode };
      },
    };
  }
  return { parser: 'none', understand: () => ({ normalizedText: '', intent: 'complaint', category: 'unknown', regionCode: null }) };
}

/**
 * The dedup engine on an ephemeral store: a private redis-server and an in-memory PGlite, both
 * removed by close(). Each decision is acted on as the worker does: new, cluster and review make a
 * ticket (a review's ticket waits for an operator to attach it), clusters share a case id.
 */
export class EphemeralDedup {
  private readonly sourceOf = new Map<string, string>();

  private constructor(
    private readonly engine: DedupEngine,
    private readonly store: Store,
    private readonly understand: Understand,
    /** Which parser gives categories and places: "indonesian", or "none" when it is not in this build. */
    readonly parser: string,
    private readonly stopAll: () => Promise<void>,
  ) {}

  static async start(config: DedupConfig = loadDedupConfig()): Promise<EphemeralDedup> {
    const dir = await mkdtemp(path.join(tmpdir(), 'lapor-dedup-'));
    const server = await startRedisServer({ dir, appendOnly: false });
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    const cleanup = async () => {
      redis.disconnect();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      const store = await openStore('memory://', dir);
      const { understand, parser } = await loadUnderstanding();
      return new EphemeralDedup(new DedupEngine(redis, store, config, new CaseIds(randomBytes(32).toString('hex'))), store, understand, parser, async () => {
        await store.close();
        await cleanup();
      });
    } catch (err) {
      await cleanup();
      throw err;
    }
  }

  async process(input: DedupRunInput): Promise<DedupRunOutput> {
    const bits = this.understand(input);
    const phone = input.phone ?? (normalizeIndonesianPhone(input.sender) ? input.sender : undefined);
    const senderIds = senderIdentities(input.channel, { id: input.sender, phone });
    const message = { ...bits, messageKey: input.id, senderIds, channel: input.channel, text: input.text, receivedAt: input.receivedAt, attachmentCount: input.attachments ?? 0 };
    const decision = await this.engine.withSenderLock(senderIds, async () => {
      const d = await this.engine.check(message);
      if (d.kind === 'new' || d.kind === 'cluster' || d.kind === 'review') {
        const trackingId = await this.createTicket(input, bits, d);
        await this.engine.remember({ ...message, trackingId, caseId: d.kind === 'cluster' ? d.caseId : null });
      }
      return d;
    });
    return {
      id: input.id,
      decision: decision.kind,
      ref: decision.trackingId ? (this.sourceOf.get(decision.trackingId) ?? null) : null,
      similarity: Number(decision.similarity.toFixed(3)),
      reasons: [...decision.reasons, ...(decision.advisory?.reasons ?? [])],
      advisory: decision.advisory ? (this.sourceOf.get(decision.advisory.trackingId) ?? null) : null,
    };
  }

  private async createTicket(input: DedupRunInput, bits: ParsedBits, d: DedupDecision): Promise<string> {
    const caseId = d.kind === 'cluster' ? d.caseId : null;
    const { ticket } = await this.store.tickets.create({
      trackingId: generateTrackingNumber(),
      sourceKey: input.id,
      channel: input.channel,
      reporter: { id: input.sender },
      title: input.text.slice(0, 80),
      text: input.text,
      category: bits.category,
      location: null,
      occurredAt: null,
      privacy: 'public',
      language: 'id',
      status: 'belum_terverifikasi',
      createdAt: input.receivedAt,
      verifyDueAt: input.receivedAt,
      actor: 'system:dedup-cli',
      agency: null,
      regionCode: bits.regionCode,
      caseId,
      duplicateOf: null,
    });
    if (caseId && d.trackingId) {
      await this.store.tickets.update(d.trackingId, { caseId }, input.receivedAt);
      await this.engine.attachCase(d.trackingId, caseId);
    }
    this.sourceOf.set(ticket.trackingId, input.id);
    return ticket.trackingId;
  }

  close(): Promise<void> {
    return this.stopAll();
  }
}

/** Parses JSON lines, naming the line of the first bad one. */
export function parseDedupLines(text: string): DedupRunInput[] {
  const out: DedupRunInput[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const parsed = DedupRunInput.safeParse(json);
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'} ${x.message}`).join('; ')}`);
    out.push(parsed.data);
  });
  return out;
}
