import { titleFrom } from './title';

describe('titleFrom', () => {
  it('takes the first sentence', () => {
    expect(titleFrom('Jalan di Desa Sukamaju rusak parah. Sudah tiga bulan tidak diperbaiki.')).toBe('Jalan di Desa Sukamaju rusak parah.');
  });

  it('skips an opening greeting, mentions and hashtags, and capitalises', () => {
    expect(titleFrom('Selamat pagi admin. jalan di desa kami rusak parah. Tolong.')).toBe('Jalan di desa kami rusak parah.');
    expect(titleFrom('@lapor1708 lampu jalan mati #pju')).toBe('Lampu jalan mati');
  });

  it('cuts long titles at a word boundary', () => {
    const title = titleFrom(`${'sangat '.repeat(30)}panjang`);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });
});
