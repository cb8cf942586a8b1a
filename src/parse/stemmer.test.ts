import { stem } from './stemmer';

describe('stem (Tala-style, no dictionary)', () => {
  it.each([
    ['diperbaiki', 'baik'],
    ['perbaikan', 'baik'],
    ['memperbaiki', 'baik'],
    ['pengaduan', 'adu'],
    ['kesehatan', 'sehat'],
    ['menyapu', 'sapu'],
    ['membaca', 'baca'],
    ['pemadaman', 'padam'],
    ['berlubang', 'lubang'],
    ['bekerja', 'kerja'],
    ['pelajaran', 'ajar'],
    ['rusaklah', 'rusak'],
    ['sampahnya', 'sampah'],
    ['pungutan', 'pungut'],
    ['penerangan', 'terang'],
    ['menulis', 'tulis'],
    ['mengalir', 'alir'],
    ['bantuan', 'bantu'],
  ])('%s → %s', (word, root) => {
    expect(stem(word)).toBe(root);
  });

  it('leaves short words, roots and numbers alone', () => {
    for (const word of ['dinas', 'listrik', 'jalan', 'air', 'pln', '2024', 'sertifikat']) expect(stem(word)).toBe(word);
  });

  it('brings the noun and its ke-…-an form to one stem', () => {
    expect(stem('kependudukan')).toBe(stem('penduduk'));
  });
});
