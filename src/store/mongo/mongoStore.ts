import mongoose, { type Connection } from 'mongoose';
import {
  DuplicateTrackingIdError,
  StatusConflictError,
  StoreUnavailableError,
  type Decision,
  type InboxRecord,
  type InboxState,
  type InboxStore,
  type NewInboxRecord,
  type NewReply,
  type NewTicket,
  type Page,
  type AuditStore,
  type DeliveryReport,
  type Reply,
  type ReplyFilter,
  type ReplyOutcome,
  type ReviewStore,
  type TicketPatch,
  type UserStore,
  type ReplyStore,
  type StatusChange,
  type StatusChangeRequest,
  type Store,
  type Ticket,
  type TicketFilter,
  type TicketStore,
} from '../types';
import type { ReporterVault } from '../../privacy/reporterVault';
import { asFoundByInsert, sealInboxRecord, sealTicket } from '../sealing';
import { MongoAuditStore } from './mongoAuditStore';
import { guard, isDuplicateKey } from './mongoErrors';
import { escapeRegex, pageOfDocs } from './mongoQuery';
import { MongoReviewStore } from './mongoReviewStore';
import { MongoSealedIdentities } from './mongoSealedIdentities';
import { MongoStatsStore } from './mongoStats';
import { MongoUserStore } from './mongoUserStore';
import { createModels, type HistoryDoc, type InboxDoc, type Models, type ReplyDoc, type TicketDoc } from './models';

const { trusted } = mongoose;


function inboxFromDoc(d: InboxDoc): InboxRecord {
  return {
    key: d._id,
    channel: d.channel,
    externalId: d.externalId,
    sender: d.sender,
    text: d.text,
    attachments: d.attachments,
    fields: d.fields,
    receivedAt: d.receivedAt,
    raw: JSON.parse(d.rawJson) as unknown,
    fingerprint: d.fingerprint,
    trackingId: d.trackingId,
    state: d.state,
    attempts: d.attempts,
    error: d.error,
    decision: d.decision,
    ticketId: d.ticketId,
    // Documents written before flags existed have none.
    flags: d.flags ?? [],
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function ticketFromDoc(d: Omit<TicketDoc, 'history'>): Ticket {
  return {
    trackingId: d._id,
    sourceKey: d.sourceKey,
    channel: d.channel,
    reporter: d.reporter,
    title: d.title,
    text: d.text,
    category: d.category,
    location: d.location,
    occurredAt: d.occurredAt,
    privacy: d.privacy,
    language: d.language,
    status: d.status,
    createdAt: d.createdAt,
    verifyDueAt: d.verifyDueAt,
    followUpDueAt: d.followUpDueAt,
    autoCloseAt: d.autoCloseAt,
    // Documents written before routing existed lack these fields.
    agency: d.agency ?? null,
    regionCode: d.regionCode ?? null,
    caseId: d.caseId ?? null,
    duplicateOf: d.duplicateOf ?? null,
    updatedAt: d.updatedAt,
  };
}

function replyFromDoc(d: ReplyDoc): Reply {
  return {
    id: d._id,
    trackingId: d.trackingId,
    messageKey: d.messageKey,
    channel: d.channel,
    recipient: d.recipient,
    text: d.text,
    language: d.language,
    event: d.event,
    createdAt: d.createdAt,
    status: d.status,
    providerId: d.providerId,
    error: d.error,
    attempts: d.attempts,
    sentAt: d.sentAt,
    updatedAt: d.updatedAt,
  };
}

const NO_HISTORY = { history: 0 } as const;

class MongoInboxStore implements InboxStore {
  constructor(
    private readonly m: Models,
    private readonly vault: ReporterVault,
  ) {}

  insert(given: NewInboxRecord): Promise<{ record: InboxRecord; inserted: boolean }> {
    const record = sealInboxRecord(given, this.vault);
    return guard(async () => {
      const now = new Date();
      const doc: InboxDoc = {
        _id: record.key,
        channel: record.channel,
        externalId: record.externalId,
        sender: record.sender,
        text: record.text,
        attachments: record.attachments,
        fields: record.fields,
        receivedAt: record.receivedAt,
        rawJson: JSON.stringify(record.raw ?? null),
        fingerprint: record.fingerprint,
        trackingId: record.trackingId,
        state: 'received',
        attempts: 0,
        error: null,
        decision: null,
        ticketId: null,
        flags: record.flags,
        createdAt: now,
        updatedAt: now,
      };
      try {
        const created = await this.m.inbox.create(doc);
        return { record: inboxFromDoc(created.toObject()), inserted: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.m.inbox
          .findOne({ channel: record.channel, externalId: record.externalId })
          .lean<InboxDoc>();
        // A duplicate on another key is a reused tracking id: the caller draws another.
        if (!existing) throw new DuplicateTrackingIdError(record.trackingId);
        return { record: asFoundByInsert(inboxFromDoc(existing), given, this.vault), inserted: false };
      }
    });
  }

  get(key: string): Promise<InboxRecord | null> {
    return guard(async () => {
      const d = await this.m.inbox.findById(key).lean<InboxDoc>();
      return d ? inboxFromDoc(d) : null;
    });
  }

  getByTrackingId(trackingId: string): Promise<InboxRecord | null> {
    return guard(async () => {
      const d = await this.m.inbox.findOne({ trackingId }).lean<InboxDoc>();
      return d ? inboxFromDoc(d) : null;
    });
  }

  claim(key: string, at: Date): Promise<InboxRecord | null> {
    return guard(async () => {
      const d = await this.m.inbox
        .findOneAndUpdate({ _id: key, state: trusted({ $ne: 'processed' }) }, { $inc: { attempts: 1 }, $set: { updatedAt: at } }, { returnDocument: 'after' })
        .lean<InboxDoc>();
      if (d) return inboxFromDoc(d);
      const current = await this.m.inbox.findById(key).lean<InboxDoc>();
      return current ? inboxFromDoc(current) : null;
    });
  }

  markProcessed(key: string, decision: Decision, ticketId: string | null, at: Date): Promise<void> {
    return this.update(key, { $set: { state: 'processed', decision, ticketId, error: null, updatedAt: at } });
  }

  markFailed(key: string, error: string, at: Date): Promise<void> {
    return this.update(key, { $set: { state: 'failed', error, updatedAt: at } });
  }

  markReceived(key: string, at: Date): Promise<void> {
    // The last error stays for the operator until the message is processed.
    return this.update(key, { $set: { state: 'received', updatedAt: at } });
  }

  listByState(state: InboxState, olderThan: Date, limit: number): Promise<InboxRecord[]> {
    return guard(async () => {
      const docs = await this.m.inbox
        .find({ state, updatedAt: trusted({ $lt: olderThan }) })
        .sort({ updatedAt: 1, _id: 1 })
        .limit(limit)
        .lean<InboxDoc[]>();
      return docs.map(inboxFromDoc);
    });
  }

  countByState(): Promise<Record<InboxState, number>> {
    return guard(async () => {
      const rows = await this.m.inbox.aggregate<{ _id: InboxState; n: number }>([
        { $group: { _id: '$state', n: { $sum: 1 } } },
      ]);
      const counts: Record<InboxState, number> = { received: 0, processed: 0, failed: 0 };
      for (const r of rows) counts[r._id] = r.n;
      return counts;
    });
  }

  listForTicket(trackingId: string): Promise<InboxRecord[]> {
    return guard(async () => {
      const docs = await this.m.inbox
        .find({ ticketId: trackingId })
        .sort({ receivedAt: 1, createdAt: 1, _id: 1 })
        .lean<InboxDoc[]>();
      return docs.map(inboxFromDoc);
    });
  }

  private update(key: string, update: mongoose.UpdateQuery<InboxDoc>): Promise<void> {
    return guard(async () => {
      const res = await this.m.inbox.updateOne({ _id: key }, update, { runValidators: true });
      if (res.matchedCount === 0) throw new Error(`inbox record ${key} not found`);
    });
  }
}

class MongoTicketStore implements TicketStore {
  constructor(
    private readonly m: Models,
    private readonly vault: ReporterVault,
  ) {}

  create(given: NewTicket): Promise<{ ticket: Ticket; created: boolean }> {
    const ticket = sealTicket(given, this.vault);
    return guard(async () => {
      const { actor, trackingId, autoSteps = [], followUpDueAt = null, ...rest } = ticket;
      // The history entries are part of the same insert: all exist or none.
      const agency = ticket.agency;
      const history: HistoryDoc[] = [{ from: null, to: ticket.status, actor, note: null, at: ticket.createdAt, agency }];
      for (const step of autoSteps) history.push({ from: history.at(-1)?.to ?? null, to: step.to, actor, note: step.note, at: ticket.createdAt, agency });
      const doc: TicketDoc = {
        ...rest,
        _id: trackingId,
        status: history.at(-1)?.to ?? ticket.status,
        followUpDueAt,
        autoCloseAt: null,
        updatedAt: ticket.createdAt,
        history,
      };
      try {
        const created = await this.m.tickets.create(doc);
        return { ticket: ticketFromDoc(created.toObject()), created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.m.tickets.findOne({ sourceKey: ticket.sourceKey }, NO_HISTORY).lean<TicketDoc>();
        if (!existing) throw err;
        return { ticket: ticketFromDoc(existing), created: false };
      }
    });
  }

  get(trackingId: string): Promise<Ticket | null> {
    return guard(async () => {
      const d = await this.m.tickets.findById(trackingId, NO_HISTORY).lean<TicketDoc>();
      return d ? ticketFromDoc(d) : null;
    });
  }

  list(filter: TicketFilter, offset: number, limit: number): Promise<Page<Ticket>> {
    return guard(async () => {
      // Operators below are ours (trusted); every value inside them is a typed scalar, and
      // sanitizeFilter wraps anything else that looks like an operator into $eq.
      const q: mongoose.QueryFilter<TicketDoc> = {};
      if (filter.status !== undefined) q.status = filter.status;
      if (filter.statuses !== undefined) q.status = trusted({ $in: filter.statuses });
      if (filter.category !== undefined) q.category = filter.category;
      if (filter.channel !== undefined) q.channel = filter.channel;
      if (filter.agency !== undefined) q.agency = filter.agency;
      if (filter.agencies !== undefined) {
        const allowed = filter.agency === undefined ? filter.agencies : filter.agencies.filter((a) => a === filter.agency);
        q.agency = trusted({ $in: allowed });
      }
      if (filter.caseId !== undefined) q.caseId = filter.caseId;
      if (filter.duplicateOf !== undefined) q.duplicateOf = filter.duplicateOf;
      if (filter.region !== undefined) {
        // "32.73" matches itself and everything under it, never "32.730…" (codes are dot-separated).
        q.regionCode = trusted({ $regex: `^${escapeRegex(filter.region)}(\\.|$)` });
      }
      const or: mongoose.QueryFilter<TicketDoc>[] = [];
      if (filter.reporter !== undefined) {
        or.push({ $or: [{ 'reporter.id': filter.reporter }, { 'reporter.phone': filter.reporter }, { 'reporter.handle': filter.reporter }] });
      }
      if (filter.from !== undefined || filter.to !== undefined) {
        q.createdAt = trusted({
          ...(filter.from !== undefined ? { $gte: filter.from } : {}),
          ...(filter.to !== undefined ? { $lt: filter.to } : {}),
        });
      }
      if (filter.autoCloseBefore !== undefined) q.autoCloseAt = trusted({ $lte: filter.autoCloseBefore });
      if (filter.text !== undefined && filter.text !== '') {
        const pattern = escapeRegex(filter.text);
        or.push({
          $or: [{ title: trusted({ $regex: pattern, $options: 'i' }) }, { text: trusted({ $regex: pattern, $options: 'i' }) }],
        });
      }
      if (or.length > 0) q.$and = or;
      return pageOfDocs(this.m.tickets, q, { createdAt: -1, _id: 1 }, offset, limit, ticketFromDoc, NO_HISTORY);
    });
  }

  update(trackingId: string, patch: TicketPatch, at: Date): Promise<Ticket | null> {
    return guard(async () => {
      const set: Partial<TicketDoc> = { updatedAt: at };
      for (const [field, value] of Object.entries(patch) as [keyof TicketPatch, unknown][]) {
        if (value !== undefined) Object.assign(set, { [field]: value });
      }
      const updated = await this.m.tickets
        .findOneAndUpdate({ _id: trackingId }, { $set: set }, { returnDocument: 'after', projection: NO_HISTORY, runValidators: true })
        .lean<TicketDoc>();
      return updated ? ticketFromDoc(updated) : null;
    });
  }

  changeStatus(change: StatusChangeRequest): Promise<Ticket> {
    return guard(async () => {
      const set: Partial<TicketDoc> = { status: change.to, updatedAt: change.at };
      // undefined leaves a deadline as it is; null clears it.
      if (change.followUpDueAt !== undefined) set.followUpDueAt = change.followUpDueAt;
      if (change.autoCloseAt !== undefined) set.autoCloseAt = change.autoCloseAt;
      // The entry records the agency read here; the update applies only while the ticket still has
      // it, so an edit in between makes it read again instead of recording a stale agency.
      for (;;) {
        const current = await this.m.tickets.findById(change.trackingId, { status: 1, agency: 1 }).lean<Pick<TicketDoc, 'status' | 'agency'>>();
        if (current?.status !== change.from) throw new StatusConflictError(change.trackingId, change.from, current?.status ?? null);
        const entry: HistoryDoc = { from: change.from, to: change.to, actor: change.actor, note: change.note, at: change.at, agency: current.agency };
        const updated = await this.m.tickets
          .findOneAndUpdate(
            { _id: change.trackingId, status: change.from, agency: current.agency },
            { $set: set, $push: { history: entry } },
            { returnDocument: 'after', projection: NO_HISTORY, runValidators: true },
          )
          .lean<TicketDoc>();
        if (updated) return ticketFromDoc(updated);
      }
    });
  }

  history(trackingId: string): Promise<StatusChange[]> {
    return guard(async () => {
      const d = await this.m.tickets.findById(trackingId, { history: 1 }).lean<Pick<TicketDoc, 'history'>>();
      return (d?.history ?? []).map((h) => ({ trackingId, from: h.from, to: h.to, actor: h.actor, note: h.note, at: h.at, agency: h.agency ?? null }));
    });
  }
}

class MongoReplyStore implements ReplyStore {
  constructor(private readonly m: Models) {}

  create(reply: NewReply): Promise<{ reply: Reply; created: boolean }> {
    return guard(async () => {
      const { id, deliveredOnRecord = false, ...rest } = reply;
      const doc: ReplyDoc = {
        ...rest,
        _id: id,
        status: deliveredOnRecord ? 'delivered' : 'queued',
        providerId: null,
        error: null,
        attempts: deliveredOnRecord ? 1 : 0,
        sentAt: deliveredOnRecord ? reply.createdAt : null,
        updatedAt: reply.createdAt,
      };
      try {
        const created = await this.m.replies.create(doc);
        return { reply: replyFromDoc(created.toObject()), created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.m.replies.findById(id).lean<ReplyDoc>();
        if (!existing) throw err;
        return { reply: replyFromDoc(existing), created: false };
      }
    });
  }

  get(id: string): Promise<Reply | null> {
    return guard(async () => {
      const d = await this.m.replies.findById(id).lean<ReplyDoc>();
      return d ? replyFromDoc(d) : null;
    });
  }

  recordOutcome(id: string, outcome: ReplyOutcome): Promise<Reply> {
    return guard(async () => {
      // error describes the latest attempt; providerId, once known, stays unless a new one is given;
      // sentAt is the first time the provider accepted the reply.
      const set: Partial<ReplyDoc> = { status: outcome.status, updatedAt: outcome.at, error: outcome.error ?? null };
      if (outcome.providerId !== undefined) set.providerId = outcome.providerId;
      const opts = { returnDocument: 'after', runValidators: true } as const;
      // A delivery receipt can beat the sender's own record of the send: 'sent' must not undo it.
      if (outcome.status === 'sent') {
        const current = await this.m.replies.findById(id, { status: 1 }).lean<Pick<ReplyDoc, 'status'>>();
        if (current?.status === 'delivered') set.status = 'delivered';
      }
      if (outcome.status === 'sent' || outcome.status === 'delivered') {
        // Two single-document updates instead of an update pipeline: first the one that also
        // stamps sentAt if it is still empty, else the plain one.
        const first = await this.m.replies
          .findOneAndUpdate({ _id: id, sentAt: null }, { $set: { ...set, sentAt: outcome.at }, $inc: { attempts: 1 } }, opts)
          .lean<ReplyDoc>();
        if (first) return replyFromDoc(first);
      }
      const updated = await this.m.replies
        .findOneAndUpdate({ _id: id }, { $set: set, $inc: { attempts: 1 } }, opts)
        .lean<ReplyDoc>();
      if (!updated) throw new Error(`reply ${id} not found`);
      return replyFromDoc(updated);
    });
  }

  listForTicket(trackingId: string): Promise<Reply[]> {
    return guard(async () => {
      const docs = await this.m.replies.find({ trackingId }).sort({ createdAt: 1, _id: 1 }).lean<ReplyDoc[]>();
      return docs.map(replyFromDoc);
    });
  }

  listQueued(olderThan: Date, limit: number): Promise<Reply[]> {
    return guard(async () => {
      const docs = await this.m.replies
        .find({ status: 'queued', updatedAt: trusted({ $lt: olderThan }) })
        .sort({ updatedAt: 1, _id: 1 })
        .limit(limit)
        .lean<ReplyDoc[]>();
      return docs.map(replyFromDoc);
    });
  }

  recordDelivery(id: string, report: DeliveryReport): Promise<Reply | null> {
    return guard(async () => {
      const opts = { returnDocument: 'after', runValidators: true } as const;
      // A late or repeated 'failed' receipt must not undo a delivery the citizen already has.
      const updated = await this.m.replies
        .findOneAndUpdate(
          { _id: id, status: trusted({ $ne: 'delivered' }) },
          { $set: { status: report.status, error: report.error ?? null, updatedAt: report.at } },
          opts,
        )
        .lean<ReplyDoc>();
      if (updated) return replyFromDoc(updated);
      const current = await this.m.replies.findOneAndUpdate({ _id: id }, { $set: { updatedAt: report.at } }, opts).lean<ReplyDoc>();
      return current ? replyFromDoc(current) : null;
    });
  }

  list(filter: ReplyFilter, offset: number, limit: number): Promise<Page<Reply>> {
    const q: mongoose.QueryFilter<ReplyDoc> = {};
    if (filter.status !== undefined) q.status = filter.status;
    if (filter.channel !== undefined) q.channel = filter.channel;
    return pageOfDocs(this.m.replies, q, { createdAt: -1, _id: 1 }, offset, limit, replyFromDoc);
  }
}

export interface MongoStoreOptions {
  /** Database name; defaults to the one in the URL. */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

/** The Store on MongoDB through mongoose, on a connection of its own. */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  readonly inbox: InboxStore;
  readonly tickets: TicketStore;
  readonly replies: ReplyStore;
  readonly review: ReviewStore;
  readonly users: UserStore;
  readonly audit: AuditStore;
  readonly stats: MongoStatsStore;
  readonly sealed: MongoSealedIdentities;
  private readonly conn: Connection;
  private readonly models: Models;

  /** `vault` seals rahasia reporters' identities before they are written (src/store/sealing.ts). */
  constructor(
    private readonly url: string,
    vault: ReporterVault,
    private readonly options: MongoStoreOptions = {},
  ) {
    // No URL yet: connecting starts in init(), where its failure can be awaited and reported.
    this.conn = mongoose.createConnection();
    // Filters built from outside input can never smuggle in an operator; ours are marked trusted().
    this.conn.set('sanitizeFilter', true);
    this.models = createModels(this.conn);
    this.inbox = new MongoInboxStore(this.models, vault);
    this.tickets = new MongoTicketStore(this.models, vault);
    this.replies = new MongoReplyStore(this.models);
    this.review = new MongoReviewStore(this.models);
    this.users = new MongoUserStore(this.models);
    this.audit = new MongoAuditStore(this.models);
    this.stats = new MongoStatsStore(this.models);
    this.sealed = new MongoSealedIdentities(this.models);
  }

  init(): Promise<void> {
    return guard(async () => {
      await this.conn.openUri(this.url, {
        // Fail at once while disconnected instead of queueing for 10 s: callers answer 503.
        bufferCommands: false,
        serverSelectionTimeoutMS: this.options.serverSelectionTimeoutMS ?? 3000,
        sanitizeFilter: true,
        // Indexes are built here, awaited, rather than in the background on first use.
        autoIndex: false,
        autoCreate: false,
        ...(this.options.dbName !== undefined ? { dbName: this.options.dbName } : {}),
      });
      const models: Array<Pick<mongoose.Model<unknown>, 'createCollection' | 'createIndexes'>> = [
        this.models.inbox,
        this.models.tickets,
        this.models.replies,
        this.models.review,
        this.models.operators,
        this.models.audit,
      ];
      for (const model of models) {
        await model.createCollection();
        await model.createIndexes();
      }
    });
  }

  ping(): Promise<void> {
    return guard(async () => {
      const db = this.conn.db;
      if (!db) throw new StoreUnavailableError('not connected');
      await db.admin().ping();
    });
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
