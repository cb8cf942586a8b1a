import { Normalizer } from './normalizer';

const normalizer = Normalizer.load();
const text = (raw: string) => normalizer.normalize(raw).text;

describe('Normalizer', () => {
  it('ships a shorthand dictionary of several hundred entries', () => {
    expect(normalizer.size).toBeGreaterThan(500);
  });

  it.each([
    ['Jln di ds Sukamaju rusak parah bgt, gk ada yg benerin!!', 'jalan di desa sukamaju rusak parah banget tidak ada yang perbaiki'],
    ['tlg mhn dibantu pak, sdh 3 bln blm ada tindakan', 'tolong mohon dibantu pak sudah 3 bulan belum ada tindakan'],
    ['kab bogor kec ciampea kel cibanteng', 'kabupaten bogor kecamatan ciampea kelurahan cibanteng'],
    ['gmn dmn knp udh lg bkn', 'bagaimana di mana kenapa sudah lagi bukan'],
    ['dalane rusak ora didandani', 'jalannya rusak tidak diperbaiki'],
    ['kagak ada nyang benerin', 'tidak ada yang perbaiki'],
  ])('expands shorthand: %s', (raw, expected) => {
    expect(text(raw)).toBe(expected);
  });

  it('keeps "terima kasih" as it is while "kasi" is read as "kasih"', () => {
    expect(text('terima kasih, kasi tau ya')).toBe('terima kasih kasih tahu ya');
  });

  it('glosses English into Indonesian, longest phrase first, unknown words kept', () => {
    expect(normalizer.glossEnglish('The street lights on our road are broken @lapor1708')).toEqual(['the', 'lampu', 'jalan', 'on', 'our', 'jalan', 'are', 'rusak']);
  });

  it('applies NFKC and lower case', () => {
    expect(text('ＪＡＬＡＮ Rusak')).toBe('jalan rusak');
  });

  it('squeezes runs of letters but keeps legitimate doubles', () => {
    expect(text('baaaanjiiir paraaah')).toBe('banjir parah');
    expect(text('maaaaf saaat ini')).toBe('maaf saat ini');
    expect(text('maaf saat taat')).toBe('maaf saat taat');
  });

  it('reads "anak2" as a reduplication', () => {
    expect(text('anak2 tdk sekolah')).toBe('anak anak tidak sekolah');
  });

  it('keeps mentions, links and hashtags aside and numbers whole', () => {
    const n = normalizer.normalize('@lapor1708 CEK 1234-5678-90 lihat https://x.co/abc #JalanRusak harga 12.500');
    expect(n.text).toBe('cek 1234-5678-90 lihat harga 12.500');
    expect(n.mentions).toEqual(['@lapor1708']);
    expect(n.urls).toEqual(['https://x.co/abc']);
    expect(n.hashtags).toEqual(['#jalanrusak']);
  });

  it('does not take a "#" before a tracking number for a hashtag', () => {
    expect(normalizer.normalize('status #1234567890').text).toBe('status 1234567890');
  });
});
