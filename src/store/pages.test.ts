import { allItems, pagesOf } from './pages';

const list = (n: number) => async (offset: number, limit: number) => {
  const all = Array.from({ length: n }, (_, i) => i);
  return { items: all.slice(offset, offset + limit), total: n };
};

describe('reading a store list page by page', () => {
  it('reads every item once, in order, whatever the list length against the page size', async () => {
    for (const n of [0, 1, 4, 5, 6, 11]) {
      expect(await allItems(list(n), 5)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('stops after a short page without asking for another', async () => {
    const asked: number[] = [];
    const read = async (offset: number, limit: number) => {
      asked.push(offset);
      return list(7)(offset, limit);
    };
    const pages = [];
    for await (const items of pagesOf(read, 3)) pages.push(items);
    expect(pages).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(asked).toEqual([0, 3, 6]);
  });
});
