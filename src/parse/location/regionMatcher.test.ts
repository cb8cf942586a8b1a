import { locationText } from './locationText';
import { RegionMatcher } from './regionMatcher';
import { RegionTable } from './regionTable';

let matcher: RegionMatcher;

/** Wall and CPU milliseconds of `work`: on a shared machine the CPU time is the steadier number. */
function timed(work: () => void): { wallMs: number; cpuMs: number } {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(cpu);
  return { wallMs: Number(process.hrtime.bigint() - wall) / 1e6, cpuMs: (used.user + used.system) / 1000 };
}

beforeAll(() => {
  const { wallMs, cpuMs } = timed(() => {
    matcher = RegionMatcher.load();
  });
  // eslint-disable-next-line no-console
  console.log(`RegionMatcher.load(): ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (region table, name and typo indexes)`);
});

interface Case {
  label: string;
  text: string;
  code: string | null;
  /** Names expected along the path, e.g. { regency: 'Kota Bandung' }. */
  names?: Partial<Record<'province' | 'regency' | 'district' | 'village', string>>;
  /** Confidence bounds: [min, max]. */
  confidence?: [number, number];
  /** A reason must contain this text. */
  reason?: string;
}

const SURE: [number, number] = [0.8, 1];
const UNSURE: [number, number] = [0.01, 0.65];

const cases: Case[] = [
  // Regencies and cities, with and without their administrative word.
  { label: 'Kota prefix', text: 'Jalan berlubang di Kota Bandung', code: '32.73', names: { regency: 'Kota Bandung', province: 'Jawa Barat' }, confidence: SURE },
  { label: 'Kab prefix, lower case', text: 'jalan rusak di kab bandung', code: '32.04', names: { regency: 'Kabupaten Bandung' }, confidence: SURE },
  { label: 'Kabupaten with a two-word name', text: 'Sampah menumpuk di Kabupaten Bandung Barat', code: '32.17' },
  { label: 'Kab Bogor', text: 'Kab Bogor jalan rusak', code: '32.01', names: { regency: 'Kabupaten Bogor' } },
  { label: 'Kota Bogor', text: 'PJU mati di kota bogor', code: '32.71' },
  {
    label: 'bare name of a city and a regency: the city, unsure',
    text: 'lampu jalan mati di bandung',
    code: '32.73',
    confidence: UNSURE,
    reason: 'names both Kota Bandung and Kabupaten Bandung',
  },
  { label: 'three-word city', text: 'ktp belum jadi di disdukcapil kota tangerang selatan', code: '36.74', names: { province: 'Banten' } },
  { label: 'Kota Administrasi', text: 'Kota Administrasi Jakarta Selatan', code: '31.74' },
  { label: 'name written as two words', text: 'Gunung Kidul kekeringan', code: '34.03', names: { regency: 'Kabupaten Gunungkidul' } },
  { label: 'repeated letters', text: 'BANJIR DI SURABAYAAA', code: '35.78' },
  // Provinces and short forms.
  { label: 'multi-word province', text: 'Pungli di kantor desa, Kepulauan Bangka Belitung', code: '19' },
  { label: 'Prov. prefix', text: 'Prov. Jawa Tengah', code: '33' },
  { label: 'jabar', text: 'jalan provinsi rusak di jabar', code: '32' },
  { label: 'jateng', text: 'jateng', code: '33' },
  { label: 'jatim', text: 'infonya di jatim', code: '35' },
  { label: 'DKI', text: 'banjir di DKI', code: '31' },
  { label: 'DIY', text: 'DIY', code: '34' },
  { label: 'sulsel', text: 'bansos sulsel belum cair', code: '73' },
  { label: 'ntt', text: 'air bersih susah di ntt', code: '53' },
  { label: 'ntb', text: 'NTB', code: '52' },
  { label: 'kalbar', text: 'kabut asap kalbar', code: '61' },
  { label: 'sumut', text: 'sumut', code: '12' },
  { label: 'jaksel', text: 'macet parah di jaksel', code: '31.74', names: { province: 'DKI Jakarta', regency: 'Kota Administrasi Jakarta Selatan' }, confidence: SURE },
  { label: 'Jakarta Selatan', text: 'trotoar rusak di Jakarta Selatan', code: '31.74' },
  { label: 'jogja alone is the city', text: 'jogja macet', code: '34.71' },
  { label: 'jogja with a regency is the province of that regency', text: 'Sleman, Jogja', code: '34.04' },
  { label: 'solo', text: 'PKL di solo', code: '33.72', names: { regency: 'Kota Surakarta' } },
  { label: 'tangsel', text: 'tangsel', code: '36.74' },
  // Districts and villages with hierarchy.
  { label: 'Kec. Coblong → Kota Bandung', text: 'Kec. Coblong banyak sampah', code: '32.73.02', names: { district: 'Coblong', regency: 'Kota Bandung' }, confidence: SURE },
  { label: 'kecamatan spelt out', text: 'di kecamatan coblong', code: '32.73.02' },
  { label: 'district named with its city', text: 'Kec. Sukajadi Kota Bandung', code: '32.73.07' },
  {
    label: 'village repeated in provinces, settled by its district',
    text: 'Desa Purbasari Kec. Karangjambu jalannya rusak',
    code: '33.03.17.2001',
    names: { village: 'Purbasari', district: 'Karangjambu', regency: 'Kabupaten Purbalingga', province: 'Jawa Tengah' },
    confidence: SURE,
  },
  { label: 'another repeated village', text: 'Ds. Sukamandi, Kec. Sagalaherang', code: '32.13.01.2003', names: { regency: 'Kabupaten Subang' } },
  { label: 'repeated village alone: no region', text: 'Desa Purbasari jalannya rusak', code: null, reason: 'fits' },
  { label: 'district in two provinces: no region', text: 'kec cibadak', code: null, reason: 'Kabupaten Lebak' },
  { label: 'everyday-word village with its district', text: 'Kel. Baru, Kec. Pasar Rebo', code: '31.75.05.1002', names: { village: 'Baru' } },
  { label: 'everyday-word district with its city', text: 'pasar minggu jaksel', code: '31.74.04' },
  {
    label: 'village without prefix, beside its district',
    text: 'jalan di ciumbuleuit cidadap bandung rusak',
    code: '32.73.08.1002',
    names: { village: 'Ciumbuleuit', district: 'Cidadap' },
  },
  { label: 'village without prefix and without its district: the city only', text: 'ciumbuleuit bandung', code: '32.73' },
  { label: 'a village called like a word does not decide a kota or kabupaten', text: 'pelayanan rsud semarang, pasien butuh bantuan', code: '33.74' },
  { label: 'a village that repeats loses to the regency named beside it', text: 'jembatan di desa cibeber bogor', code: '32.01' },
  { label: 'a desa makes a shared name the kabupaten', text: 'puskesmas di desa kami bogor tutup jam 11', code: '32.01', reason: 'chose the kabupaten' },
  { label: 'a kelurahan makes a shared name the city', text: 'lurah di bogor tidak pernah ada di kantor kelurahan', code: '32.71' },
  { label: 'a city named after the street', text: 'jalan ahmad yani surabaya amblas', code: '35.78' },
  { label: 'Jalan Raya <city> is a street; the city after it is the place', text: 'trotoar di jl. raya bogor jakarta timur rusak', code: '31.75' },
  { label: 'a river is not a regency', text: 'bangunan liar di bantaran sungai kapuas pontianak', code: '61.71' },
  {
    label: 'a landmark named after one place, then the place it is in',
    text: 'antrian kapal di pelabuhan ketapang banyuwangi sampai 6 jam',
    code: '35.10',
    confidence: UNSURE,
    reason: 'read as a place named ketapang in Kabupaten Banyuwangi',
  },
  { label: 'a city and a direction is the city, not a village', text: 'judi di surabaya utara', code: '35.78' },
  // Cues that tell a kota from a kabupaten of one name, checked against the region table.
  { label: 'a kelurahan decides when only one of the two has any', text: 'kantor kelurahan di tasikmalaya tutup', code: '32.78', reason: 'a kelurahan, which only it has' },
  { label: 'a kelurahan does not decide when both have them', text: 'kantor kelurahan di bandung tutup', code: '32.73', confidence: UNSURE, reason: 'nothing else named decides' },
  { label: 'Kota Jayapura has desa too: a desa does not decide', text: 'kepala desa di jayapura minta uang', code: '91.71', confidence: UNSURE },
  { label: 'the bupati is of the kabupaten', text: 'bupati malang tidak pernah turun ke lapangan', code: '35.07', reason: 'or bupati' },
  { label: 'the wali kota is of the city', text: 'wali kota semarang tolong lihat jalan ini', code: '33.74' },
  { label: 'a kampung is no administrative unit', text: 'listrik padam di kampung kami sukabumi', code: '32.72', confidence: UNSURE },
  // Landmarks and other names of config/regions/aliases.json.
  { label: 'a colloquial city name', text: 'banjir rob lagi di suroboyo', code: '35.78' },
  {
    label: 'a landmark alone places the message',
    text: 'antrean bus di terminal purabaya mengular',
    code: '35.15.18.2017',
    names: { regency: 'Kabupaten Sidoarjo' },
    reason: 'a landmark there',
  },
  { label: 'a city named outright outweighs a landmark elsewhere', text: 'suroboyo bus dari terminal purabaya telat', code: '35.78', confidence: UNSURE },
  { label: 'a landmark decides a shared name', text: 'sampah TPA Burangkeng Bekasi meluber', code: '32.16.18.2003', names: { regency: 'Kabupaten Bekasi' } },
  { label: 'a landmark after a block marker', text: 'halte koridor blok m penuh sesak', code: '31.74.07' },
  { label: 'a street known to be in one city', text: 'pedagang di malioboro menutup trotoar', code: '34.71' },
  { label: 'a local name beside its regency', text: 'macet parah di puncak bogor tiap akhir pekan', code: '32.01' },
  { label: 'a local name alone is a word', text: 'puncak musim hujan, banjir di mana mana', code: null },
  { label: 'a landmark named after a river is not the regency of that name', text: 'satpol pp pontianak patroli di alun alun kapuas', code: '61.71' },
  // A place signed at the end.
  { label: 'a name after a comma at the very end is the place', text: 'pungutan study tour ke bali mahal sekali, palembang', code: '16.71', reason: 'named at the end' },
  { label: 'without the comma two places stay undecided', text: 'pungutan study tour ke bali mahal sekali di palembang', code: null },
  { label: 'typo guard: a different first letter is another word', text: 'gorong gorong di jalan desa kami ambrol', code: null },
  { label: 'typo guard: lubang is not Subang', text: 'ada lubang besar', code: null },
  {
    label: 'a village that is not in the named district is reported as a conflict',
    text: 'Kel. Sukajadi, Kec. Sukajadi, Kota Bandung',
    code: '32.73.07',
    confidence: UNSURE,
    reason: 'also named "Kel. Sukajadi"',
  },
  { label: 'two cities: only the province they share', text: 'pindah dari bandung ke bogor ktp belum jadi', code: '32', confidence: UNSURE },
  { label: 'Papua districts are distrik', text: 'Distrik Abepura', code: '91.71.03', names: { regency: 'Kota Jayapura' } },
  { label: 'Tj. abbreviation', text: 'Tj. Pinang', code: '21.72' },
  // Typos.
  { label: 'typo Surabya', text: 'banjir di Surabya', code: '35.78', reason: 'misspelling' },
  { label: 'typo in a long name, two edits', text: 'jalan rusak di probolingo jatim', code: '35.74', names: { province: 'Jawa Timur' } },
  { label: 'typo of a district after Kec.', text: 'kec. coblog kota bandung', code: '32.73.02' },
  { label: 'short words are not corrected', text: 'bogr', code: null },
  // False-positive guards.
  { label: 'everyday words that are village names', text: 'Jalan baru rusak parah, sari jaya tengah', code: null },
  { label: 'batu is a stone, not Kota Batu', text: 'batu berserakan di jalan', code: null },
  { label: 'Kota Batu with its prefix', text: 'wisata kota batu macet', code: '35.79' },
  { label: 'kota as a word', text: 'di pusat kota ada sampah menumpuk', code: null },
  { label: 'desa as a word', text: 'dana desa dipotong kades', code: null },
  { label: 'everyday-word district without its city', text: 'pasar minggu ramai sekali', code: null },
  { label: 'a street named after a city is not the city', text: 'Jl. Surabaya No. 10 rusak, Kota Malang', code: '35.73' },
  { label: 'nothing', text: 'Terima kasih atas tanggapannya', code: null, reason: 'no region named' },
];

describe('RegionMatcher.match', () => {
  test.each(cases)('$label: "$text"', ({ text, code, names, confidence, reason }) => {
    const result = matcher.match(text);
    expect(result.regionCode).toBe(code);
    for (const [level, name] of Object.entries(names ?? {})) {
      expect(result.location[level as 'province' | 'regency' | 'district' | 'village']?.name).toBe(name);
    }
    if (code === null) expect(result.confidence).toBe(0);
    if (confidence) {
      expect(result.confidence).toBeGreaterThanOrEqual(confidence[0]);
      expect(result.confidence).toBeLessThanOrEqual(confidence[1]);
    }
    if (reason) expect(result.reasons.join('\n')).toContain(reason);
  });

  test('fills every level of the path with official names and codes', () => {
    const { location } = matcher.match('Desa Purbasari, Kec. Karangjambu');
    expect(location).toEqual({
      province: { code: '33', name: 'Jawa Tengah' },
      regency: { code: '33.03', name: 'Kabupaten Purbalingga' },
      district: { code: '33.03.17', name: 'Karangjambu' },
      village: { code: '33.03.17.2001', name: 'Purbasari' },
      address: null,
    });
  });
});

describe('address text', () => {
  const addresses: [string, string | null][] = [
    ['Jl. Merdeka No. 5 RT 03/RW 04, Kel. Sukajadi, Kec. Sukajadi. Sudah rusak', 'Jl. Merdeka No. 5 RT 03/RW 04'],
    ['Jalan rusak parah di depan SDN 3 sejak minggu lalu', 'depan SDN 3'],
    ['jalan ahmad yani surabaya amblas', 'jalan ahmad yani'],
    ['Jl. Surabaya No. 10 rusak, Kota Malang', 'Jl. Surabaya No. 10'],
    ['lampu PJU mati di Gg. Mawar dekat masjid Al-Ikhlas, Kec. Coblong', 'Gg. Mawar dekat masjid Al-Ikhlas'],
    ['Perumahan Griya Asri Blok C2 No. 7 banjir', 'Perumahan Griya Asri Blok C2 No. 7'],
    ['Jln. Soekarno-Hatta km 5. Sudah lama rusak', 'Jln. Soekarno-Hatta km 5'],
    ['jalan cipaganti berlubang', 'jalan cipaganti'],
    ['jalan rusak di kota bandung', null],
    ['mohon minggu depan diperbaiki', null],
  ];
  test.each(addresses)('"%s" → %s', (text, address) => {
    expect(matcher.match(text).location.address).toBe(address);
  });
});

describe('locationText', () => {
  test('most specific first, address after a dash', () => {
    const { location } = matcher.match('Jl. Ir. H. Juanda depan SMAN 1, Kec. Coblong, Kota Bandung');
    expect(locationText(location)).toBe('Kec. Coblong, Kota Bandung, Jawa Barat — Jl. Ir. H. Juanda depan SMAN 1');
  });

  test('village as Kel. or Desa by its code, district as Distrik in Papua', () => {
    expect(locationText(matcher.match('Kel. Baru, Kec. Pasar Rebo').location)).toBe(
      'Kel. Baru, Kec. Pasar Rebo, Kota Administrasi Jakarta Timur, DKI Jakarta',
    );
    expect(locationText(matcher.match('Desa Purbasari, Kec. Karangjambu').location)).toMatch(/^Desa Purbasari, Kec\. Karangjambu/);
    expect(locationText(matcher.match('Distrik Abepura').location)).toBe('Distrik Abepura, Kota Jayapura, Papua');
  });

  test('null when nothing is known', () => {
    expect(locationText(matcher.match('halo').location)).toBeNull();
  });
});

describe('speed (printed, not asserted)', () => {
  test('matches a batch of messages and reports the mean time per message', () => {
    const texts = cases.map((c) => c.text);
    for (const text of texts) matcher.match(text);
    const rounds = 50;
    const count = rounds * texts.length;
    let found = 0;
    const { wallMs, cpuMs } = timed(() => {
      for (let r = 0; r < rounds; r++) for (const text of texts) if (matcher.match(text).regionCode) found++;
    });
    // eslint-disable-next-line no-console
    console.log(
      `RegionMatcher.match(): ${((wallMs * 1000) / count).toFixed(0)} µs wall, ${((cpuMs * 1000) / count).toFixed(0)} µs CPU per message (mean of ${count})`,
    );
    expect(found).toBe(rounds * cases.filter((c) => c.code !== null).length);
  });
});

describe('long messages', () => {
  test('a name said many times is read as said once, only surer', () => {
    const once = matcher.match('Sukajadi, Kota Bandung');
    const often = matcher.match('Sukajadi Kota Bandung '.repeat(500));
    expect(often.regionCode).toBe(once.regionCode);
    expect(often.confidence).toBeGreaterThanOrEqual(once.confidence);
    // One reason per name, not one per mention.
    expect(often.reasons.filter((r) => r.startsWith('place: "Sukajadi"'))).toHaveLength(1);
  });

  test('a message naming more than 32 places weighs the first 32 and says so', () => {
    const cities = [...RegionTable.shared().all()].filter((r) => r.kind === 'kota').slice(0, 40);
    const result = matcher.match(cities.map((c) => `Kota ${c.baseName}`).join(', '));
    expect(result.reasons).toEqual(expect.arrayContaining([expect.stringContaining('named more than 32 places: 8 later mentions were not weighed')]));
  });
});
