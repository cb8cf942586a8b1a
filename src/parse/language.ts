/**
 * A cheap guess between Bahasa Indonesia and English from function words. Indonesian is the
 * default: only clearly English text is answered in English.
 */
const ENGLISH = new Set(
  'the and is are was were there this that with for not have has please my our your road street water broken since of to in on at it'.split(' '),
);
const INDONESIAN = new Set(
  'yang dan di ke dari ini itu tidak ada dengan untuk sudah belum mohon tolong jalan rusak air kami saya kita sejak sampai karena pak bu yg tdk gak ga nggak sdh blm utk dgn'.split(' '),
);

export function detectLanguage(text: string): 'id' | 'en' {
  let en = 0;
  let id = 0;
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (ENGLISH.has(word)) en++;
    if (INDONESIAN.has(word)) id++;
  }
  return en >= 2 && en > id * 2 ? 'en' : 'id';
}
