import type mongoose from 'mongoose';
import {
  REVIEW_REASONS,
  ReviewConflictError,
  type NewReviewItem,
  type Page,
  type ReviewFilter,
  type ReviewItem,
  type ReviewReason,
  type ReviewStore,
} from '../types';
import { guard, isDuplicateKey } from './mongoErrors';
import { pageOfDocs } from './mongoQuery';
import type { Models, ReviewDoc } from './models';

function reviewFromDoc(d: ReviewDoc): ReviewItem {
  return {
    id: d._id,
    reason: d.reason,
    channel: d.channel,
    messageKey: d.messageKey,
    trackingId: d.trackingId,
    suggestion: JSON.parse(d.suggestionJson) as Record<string, unknown>,
    reasons: d.reasons,
    state: d.state,
    resolution: d.resolution,
    resolvedBy: d.resolvedBy,
    resolvedAt: d.resolvedAt,
    createdAt: d.createdAt,
  };
}

export class MongoReviewStore implements ReviewStore {
  constructor(private readonly m: Models) {}

  create(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
    return guard(async () => {
      const { id, suggestion, ...rest } = item;
      const doc: ReviewDoc = {
        ...rest,
        _id: id,
        suggestionJson: JSON.stringify(suggestion),
        state: 'open',
        resolution: null,
        resolvedBy: null,
        resolvedAt: null,
      };
      try {
        const created = await this.m.review.create(doc);
        return { item: reviewFromDoc(created.toObject()), created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.m.review.findById(id).lean<ReviewDoc>();
        if (!existing) throw err;
        return { item: reviewFromDoc(existing), created: false };
      }
    });
  }

  get(id: string): Promise<ReviewItem | null> {
    return guard(async () => {
      const d = await this.m.review.findById(id).lean<ReviewDoc>();
      return d ? reviewFromDoc(d) : null;
    });
  }

  list(filter: ReviewFilter, offset: number, limit: number): Promise<Page<ReviewItem>> {
    const q: mongoose.QueryFilter<ReviewDoc> = {};
    if (filter.state !== undefined) q.state = filter.state;
    if (filter.reason !== undefined) q.reason = filter.reason;
    if (filter.channel !== undefined) q.channel = filter.channel;
    if (filter.trackingId !== undefined) q.trackingId = filter.trackingId;
    return pageOfDocs(this.m.review, q, { createdAt: 1, _id: 1 }, offset, limit, reviewFromDoc);
  }

  resolve(id: string, resolution: string, actor: string, at: Date): Promise<ReviewItem> {
    return guard(async () => {
      const updated = await this.m.review
        .findOneAndUpdate(
          { _id: id, state: 'open' },
          { $set: { state: 'resolved', resolution, resolvedBy: actor, resolvedAt: at } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<ReviewDoc>();
      if (!updated) throw new ReviewConflictError(id);
      return reviewFromDoc(updated);
    });
  }

  countOpen(): Promise<Record<ReviewReason, number>> {
    return guard(async () => {
      const rows = await this.m.review.aggregate<{ _id: ReviewReason; n: number }>([
        { $match: { state: 'open' } },
        { $group: { _id: '$reason', n: { $sum: 1 } } },
      ]);
      const counts = Object.fromEntries(REVIEW_REASONS.map((r) => [r, 0])) as Record<ReviewReason, number>;
      for (const r of rows) counts[r._id] = r.n;
      return counts;
    });
  }
}
