import { privacyFields, privacyFromTags, reportPrivacy } from './privacyTags';

describe('privacyFromTags', () => {
  it.each([
    ['#rahasia Ada pungli di kelurahan', 'rahasia'],
    ['#rahasia pungli di kantor camat', 'rahasia'],
    ['ini rahasia umum', undefined],
    ['Ada pungli di kelurahan #RAHASIA', 'rahasia'],
    ['Mohon ditindak. #anonim', 'anonim'],
    ['#anonim #rahasia pungli', 'rahasia'],
    ['#publik jalan rusak di Jl. Merdeka', 'public'],
    ['#publik #anonim pungli', 'anonim'],
    ['#publikasi bukan tanda', undefined],
    ['Jalan rusak di Jl. Rahasia No. 3', undefined],
    ['#rahasiaku bukan tanda', undefined],
    ['email a#rahasia@x.id', undefined],
  ])('reads %p as %p', (text, privacy) => {
    expect(privacyFromTags(text)).toBe(privacy);
  });
});

describe('privacyFields', () => {
  it('gives intake the privacy a tag asks for, and no fields without a tag', () => {
    expect(privacyFields('pungli di kantor camat (#rahasia)')).toEqual({ fields: { privacy: 'rahasia' } });
    expect(privacyFields('jalan rusak #publik')).toEqual({ fields: { privacy: 'public' } });
    expect(privacyFields('jalan rusak')).toEqual({});
  });
});

describe('reportPrivacy', () => {
  it('keeps an explicit choice, then a tag, and is anonim when the citizen chose nothing', () => {
    expect(reportPrivacy('public', '#rahasia pungli')).toBe('public');
    expect(reportPrivacy(undefined, '#publik jalan rusak')).toBe('public');
    expect(reportPrivacy(undefined, 'jalan rusak di Jl. Merdeka')).toBe('anonim');
  });
});
