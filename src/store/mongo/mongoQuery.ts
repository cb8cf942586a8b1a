import type mongoose from 'mongoose';
import type { Page } from '../types';
import { guard } from './mongoErrors';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One page of documents matching `filter`, with the total count for pagers. */
export function pageOfDocs<D, T>(
  model: mongoose.Model<D>,
  filter: mongoose.QueryFilter<D>,
  sort: Record<string, 1 | -1>,
  offset: number,
  limit: number,
  map: (doc: D) => T,
  projection: Record<string, 0 | 1> = {},
): Promise<Page<T>> {
  return guard(async () => {
    const skip = Math.max(0, Math.floor(offset));
    const take = Math.max(0, Math.floor(limit));
    const total = await model.countDocuments(filter);
    if (take === 0 || skip >= total) return { items: [], total };
    const docs = await model.find(filter, projection).sort(sort).skip(skip).limit(take).lean<D[]>();
    return { items: docs.map(map), total };
  });
}
