import type { Page } from './types';

/** One page of a store list: the store's list methods with their filter bound. */
export type PageReader<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** Every page of a list, in order, read `size` items at a time; a short page is the last. */
export async function* pagesOf<T>(read: PageReader<T>, size: number): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += size) {
    const page = await read(offset, size);
    yield page.items;
    if (page.items.length < size) return;
  }
}

/** Every item of a list: for tools and tests that look at a whole (small) store. */
export async function allItems<T>(read: PageReader<T>, size = 500): Promise<T[]> {
  const out: T[] = [];
  for await (const items of pagesOf(read, size)) out.push(...items);
  return out;
}
