import { privacyFromTags } from './privacyTag';

describe('privacyFromTags', () => {
  it.each([
    ['#rahasia Ada pungli di kelurahan', 'rahasia'],
    ['Ada pungli di kelurahan #RAHASIA', 'rahasia'],
    ['Mohon ditindak. #anonim', 'anonim'],
    ['#anonim #rahasia pungli', 'rahasia'],
    ['Jalan rusak di Jl. Rahasia No. 3', undefined],
    ['#rahasiaku bukan tanda', undefined],
    ['email a#rahasia@x.id', undefined],
  ])('reads %p as %p', (text, privacy) => {
    expect(privacyFromTags(text)).toBe(privacy);
  });
});
