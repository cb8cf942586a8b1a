import { editDistance, RecentTypos, TypoIndex, TypoScan, type TypoFinder } from './typoIndex';

const keys = ['surabaya', 'probolinggo', 'pekalongan', 'pekanbaru', 'sidoarjo', 'bandung barat', 'bantul'];

describe('editDistance', () => {
  test.each([
    ['surabya', 'surabaya', 1],
    ['suarbaya', 'surabaya', 1],
    ['surabaya', 'surabaya', 0],
    ['probolingo', 'probolinggo', 1],
    ['prbolingo', 'probolinggo', 2],
    ['jakarta', 'surabaya', 3],
  ])('%s ↔ %s = %d (stops counting past the limit)', (a, b, expected) => {
    expect(editDistance(a, b, 2)).toBe(Math.min(expected, 3));
  });
});

describe.each<[string, (k: string[]) => TypoFinder]>([
  ['TypoIndex (symmetric deletes)', (k) => new TypoIndex(k.map((key) => [key, key.replace(/ /g, '').length >= 10 ? 2 : 1]))],
  ['TypoScan (length buckets)', (k) => new TypoScan(k)],
  ['RecentTypos', (k) => new RecentTypos(new TypoScan(k))],
])('%s', (_name, build) => {
  const finder = build(keys);

  test('one edit for names of six letters or more', () => {
    expect(finder.closest('surabya')).toEqual({ key: 'surabaya', distance: 1 });
    expect(finder.closest('sidoarja')).toEqual({ key: 'sidoarjo', distance: 1 });
    expect(finder.closest('bandung brat')).toEqual({ key: 'bandung barat', distance: 1 });
  });

  test('two edits only for long names', () => {
    expect(finder.closest('prbolingo')).toBeNull();
    expect(finder.closest('probolingo')).toEqual({ key: 'probolinggo', distance: 1 });
    expect(finder.closest('pekalngann')).toEqual({ key: 'pekalongan', distance: 2 });
  });

  test('short words are never corrected', () => {
    expect(finder.closest('bantl')).toBeNull();
  });

  test('no guess when two names are equally close', () => {
    const tied = build(['pekanbaru', 'pekanbiru']);
    expect(tied.closest('pekanberu')).toBeNull();
  });
});
