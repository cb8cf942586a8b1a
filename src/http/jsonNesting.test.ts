import { jsonNestingExceeds } from './jsonNesting';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestingExceeds', () => {
  it('counts arrays and objects together', () => {
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[[1]]}]}'), 4)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(bytes(`{"text":"[[[[{{{{ \\" [[[[ \\\\"}`), 2)).toBe(false);
    expect(jsonNestingExceeds(bytes(`{"text":"\\\\",  "x":[[[1]]]}`), 2)).toBe(true);
  });

  it('reads multi-byte text without mistaking its bytes for brackets', () => {
    expect(jsonNestingExceeds(bytes('{"text":"jalan rusak ﷺ 😀 [ desa"}'), 1)).toBe(false);
  });

  it('finds a megabyte of "[" deep in one pass, stopping at the bound', () => {
    expect(jsonNestingExceeds(bytes('['.repeat(500_000) + ']'.repeat(500_000)), 32)).toBe(true);
  });
});
