import categoriesFile from '../../../config/categories.json';
import agenciesFile from '../../../config/agencies.json';
import { RegionMatcher } from '../location/regionMatcher';
import { RegionTable } from '../location/regionTable';
import { AgencyRouter } from './agencyRouter';

const router = AgencyRouter.load();

interface Case {
  label: string;
  category: string;
  region: string | null;
  text?: string;
  agency: string | null;
  reason?: string;
}

const cases: Case[] = [
  { label: 'road in Kota Bandung → its government', category: 'infrastruktur', region: '32.73', agency: 'pemkot-32.73' },
  { label: 'road in a district of Kota Bandung → the city', category: 'infrastruktur', region: '32.73.02', agency: 'pemkot-32.73' },
  { label: 'road in Kabupaten Bandung → the regency', category: 'infrastruktur', region: '32.04.01.2001', agency: 'pemkab-32.04' },
  { label: 'toll road → Ministry of Public Works', category: 'infrastruktur', region: '32.73', text: 'jalan tol cipularang berlubang', agency: 'kementerian-pu' },
  { label: 'street light → regency government', category: 'penerangan_jalan', region: '35.78', agency: 'pemkot-35.78' },
  { label: 'water → the regency water company', category: 'air_bersih', region: '32.73.07', agency: 'pdam-32.73' },
  { label: 'water in Jakarta → PAM Jaya (override)', category: 'air_bersih', region: '31.74', agency: 'pam-jaya' },
  { label: 'road in Jakarta → the province (override)', category: 'infrastruktur', region: '31.74.04', agency: 'pemprov-31' },
  { label: 'electricity → PLN, region or not', category: 'listrik', region: null, agency: 'pln' },
  { label: 'electricity with region → PLN', category: 'listrik', region: '73.71', agency: 'pln' },
  { label: 'puskesmas → regency government', category: 'kesehatan', region: '33.72', text: 'pelayanan puskesmas lambat', agency: 'pemkot-33.72' },
  { label: 'BPJS → national BPJS Kesehatan', category: 'kesehatan', region: '33.72', text: 'kartu bpjs saya ditolak rumah sakit', agency: 'bpjs-kesehatan', reason: '"bpjs"' },
  { label: 'BPJS without region → national', category: 'kesehatan', region: null, text: 'iuran bpjs naik', agency: 'bpjs-kesehatan' },
  { label: 'SD → regency', category: 'pendidikan', region: '32.01', text: 'pungutan di sd negeri', agency: 'pemkab-32.01' },
  { label: 'SMA → province', category: 'pendidikan', region: '32.01', text: 'seragam sma mahal', agency: 'pemprov-32' },
  { label: 'UKT → ministry', category: 'pendidikan', region: null, text: 'ukt kampus naik', agency: 'kemendiktisaintek' },
  { label: 'KTP → regency (Disdukcapil)', category: 'kependudukan', region: '36.74', agency: 'pemkot-36.74' },
  { label: 'PKH → Kemensos', category: 'bantuan_sosial', region: '35.07', text: 'bantuan pkh belum cair', agency: 'kemensos' },
  { label: 'local social aid → regency', category: 'bantuan_sosial', region: '35.07', text: 'tidak terdaftar di data desa', agency: 'pemkab-35.07' },
  { label: 'permit → regency (DPMPTSP)', category: 'perizinan', region: '51.71', agency: 'pemkot-51.71' },
  { label: 'commuter train → KAI', category: 'transportasi', region: '31.71', text: 'krl telat terus', agency: 'kai' },
  { label: 'street vendors → regency (Satpol PP)', category: 'ketertiban', region: '32.73', text: 'pkl di trotoar', agency: 'pemkot-32.73' },
  { label: 'theft → police', category: 'ketertiban', region: '32.73', text: 'banyak pencurian motor', agency: 'polri' },
  { label: 'levy by local staff → regency (Inspektorat)', category: 'pungli_korupsi', region: '32.73', text: 'pungli di kelurahan', agency: 'pemkot-32.73' },
  { label: 'levy by police → Polri', category: 'pungli_korupsi', region: '32.73', text: 'pungli tilang', agency: 'polri' },
  { label: 'CPNS → BKN', category: 'kepegawaian', region: '32.73', text: 'seleksi cpns curang', agency: 'bkn' },
  { label: 'ASN without region → BKN', category: 'kepegawaian', region: null, agency: 'bkn' },
  { label: 'land → regency land office', category: 'pertanahan', region: '32.73.02', agency: 'kantah-32.73' },
  { label: 'land without region → ATR/BPN', category: 'pertanahan', region: null, agency: 'atr-bpn' },
  {
    label: 'only a province known → the province, which forwards',
    category: 'infrastruktur',
    region: '32',
    agency: 'pemprov-32',
    reason: 'only the province is known',
  },
  { label: 'no region → unroutable with a reason', category: 'infrastruktur', region: null, agency: null, reason: 'names no region' },
  { label: 'water without a regency → the province government', category: 'air_bersih', region: '32', agency: 'pemprov-32' },
  { label: 'land with only a province → the ministry', category: 'pertanahan', region: '35', agency: 'atr-bpn' },
  { label: 'unknown category → lainnya', category: 'tidak_ada', region: '32.73', agency: 'pemkot-32.73', reason: 'no route for category' },
];

describe('AgencyRouter.route', () => {
  test.each(cases)('$label', ({ category, region, text, agency, reason }) => {
    const route = router.route(category, region, text);
    expect(route.agency).toBe(agency);
    if (agency) {
      expect(router.get(agency)).toBeDefined();
      expect(route.confidence).toBeGreaterThan(0);
    } else {
      expect(route.confidence).toBe(0);
    }
    if (reason) expect(route.reasons.join('\n')).toContain(reason);
  });

  test('end to end with the region matcher: "jalan rusak di Kec. Coblong" → pemkot-32.73', () => {
    const { regionCode } = RegionMatcher.load().match('jalan rusak di Kec. Coblong');
    expect(router.route('infrastruktur', regionCode).agency).toBe('pemkot-32.73');
  });
});

describe('agency catalogue', () => {
  const table = RegionTable.shared();
  const regencies = [...table.all()].filter((r) => r.level === 'regency');

  test('every regency outside Jakarta has its own government, water company and land office', () => {
    for (const regency of regencies.filter((r) => !r.code.startsWith('31.'))) {
      const government = router.get(`${regency.kind === 'kota' ? 'pemkot' : 'pemkab'}-${regency.code}`);
      expect(government).toMatchObject({ name: `Pemerintah ${regency.name}`, level: 'regency', regionCode: regency.code });
      expect(router.get(`pdam-${regency.code}`)).toBeDefined();
      expect(router.get(`kantah-${regency.code}`)).toBeDefined();
    }
  });

  test('every province has its government', () => {
    expect(router.get('pemprov-32')).toEqual({ id: 'pemprov-32', name: 'Pemerintah Provinsi Jawa Barat', level: 'province', regionCode: '32' });
    expect(router.list().filter((a) => a.id.startsWith('pemprov-'))).toHaveLength(38);
  });

  test('national agencies have no region', () => {
    expect(router.get('bpjs-kesehatan')).toMatchObject({ level: 'national', name: 'BPJS Kesehatan' });
    expect(router.get('pln')?.regionCode).toBeUndefined();
  });

  test('every category of config/categories.json has a route that reaches an agency somewhere', () => {
    for (const { id } of categoriesFile.categories) {
      expect(agenciesFile.routes).toHaveProperty(id);
      expect(router.route(id, '32.73.02').agency).not.toBeNull();
    }
  });
});

describe('a broken table stops the start', () => {
  const table = RegionTable.shared();
  const copy = (): typeof agenciesFile => JSON.parse(JSON.stringify(agenciesFile)) as typeof agenciesFile;

  test('a route naming an unknown agency', () => {
    const broken = copy();
    broken.routes.listrik.agency = 'pln-typo';
    expect(() => AgencyRouter.load(table, broken)).toThrow('route "listrik" names unknown unit pln-typo');
  });

  test('a template without {code}', () => {
    const broken = copy();
    broken.regional.regency.pdam.id = 'pdam';
    expect(() => AgencyRouter.load(table, broken)).toThrow(/config\/agencies\.json: regional\.regency\.pdam\.id/);
  });

  test('two agencies with one id', () => {
    const broken = copy();
    broken.national.push({ id: 'pln', name: 'PLN again', categories: [] });
    expect(() => AgencyRouter.load(table, broken)).toThrow('agency id pln is defined twice');
  });
});
