import { generateTrackingNumber } from '../tickets/trackingNumber';
import { loadDataset, splitDataset } from './dataset';
import { evaluateParser } from './evaluation';
import { IndonesianParser } from './indonesianParser';

const parser = IndonesianParser.load();
const sms = (text: string) => parser.parse({ text, channel: 'sms', fields: null });

describe('IndonesianParser', () => {
  it('parses an SMS complaint into category, region, agency and a title', () => {
    const r = sms('Selamat pagi. Jln di ds Cibanteng kec Ciampea kab Bogor rusak parah bgt, byk lubang. Udh 6 bln gk diperbaiki');
    expect(r).toMatchObject({ intent: 'complaint', category: 'infrastruktur', language: 'id' });
    expect(r.title).toBe('Jln di ds Cibanteng kec Ciampea kab Bogor rusak parah bgt, byk lubang.');
    expect(r.location.province?.code).toBe('32');
    expect(r.location.regency?.code).toBe('32.01');
    expect(r.regionCode?.startsWith('32.01')).toBe(true);
    expect(r.reviewReasons).not.toContain('unknown_location');
    expect(r.normalizedText).toContain('jalan di desa cibanteng kecamatan ciampea kabupaten bogor rusak parah banget');
    expect(r.reasons.some((reason) => reason.startsWith('category infrastruktur'))).toBe(true);
  });

  it('sends a complaint that names no place to review as unknown_location', () => {
    const r = sms('lampu jalan di gang kami mati semua sejak sebulan, gelap sekali');
    expect(r).toMatchObject({ intent: 'complaint', category: 'penerangan_jalan', regionCode: null, needsReview: true });
    expect(r.reviewReasons).toContain('unknown_location');
  });

  it('answers a status query with its verified number, untitled and without review', () => {
    const id = generateTrackingNumber();
    const r = sms(`cek #${id.slice(0, 4)}-${id.slice(4)}`);
    expect(r).toMatchObject({ intent: 'status_query', trackingId: id, invalidTrackingId: null, title: '', needsReview: false });
  });

  it('flags a mistyped tracking number', () => {
    const id = generateTrackingNumber();
    const typo = `${id.slice(0, 9)}${(Number(id[9]) + 1) % 10}`;
    expect(sms(`STATUS ${typo}`)).toMatchObject({ intent: 'status_query', trackingId: null, invalidTrackingId: typo });
  });

  it('lets form fields win over guesses', () => {
    const r = parser.parse({
      text: 'cek',
      channel: 'web',
      fields: { title: 'Judul dari formulir', category: 'kesehatan', location: 'Kota Medan', language: 'en' },
    });
    expect(r).toMatchObject({ intent: 'complaint', title: 'Judul dari formulir', category: 'kesehatan', categoryConfidence: 1, language: 'en' });
    expect(r.location.regency?.code).toBe('12.71');
  });

  it('reads a form category given by its label, and guesses when the app sends an unknown one', () => {
    const labelled = parser.parse({ text: 'Air tidak mengalir', channel: 'mobile', fields: { category: 'Air bersih / PDAM' } });
    expect(labelled.category).toBe('air_bersih');
    const unknown = parser.parse({ text: 'air pdam mati tiga hari di kota makassar', channel: 'mobile', fields: { category: 'Air' } });
    expect(unknown.category).toBe('air_bersih');
    expect(unknown.reasons.join(' ')).toMatch(/not in the taxonomy/);
  });

  it('calls a form without any text empty', () => {
    expect(parser.parse({ text: '  ', channel: 'web', fields: {} }).intent).toBe('empty');
  });

  it('sends unsure spam to review as possible_spam', () => {
    const r = sms('dijual rumah murah di pinggir kota, hubungi agen kami');
    if (r.intent === 'spam' && r.confidence < 0.9) expect(r.reviewReasons).toEqual(['possible_spam']);
    expect(sms('goblok lu admin')).toMatchObject({ intent: 'spam', needsReview: false });
  });
});

describe('IndonesianParser on the held-out part of test/fixtures/messages.jsonl', () => {
  // The numbers reached when the model was last trained (see src/parse/README.md), less a small
  // margin: a change to the normaliser, the features, the rules or the model that loses accuracy fails here.
  const { heldOut } = splitDataset(loadDataset());
  const result = evaluateParser(parser, heldOut);

  it('has a held-out part of a fifth of the data', () => {
    expect(heldOut.length).toBeGreaterThan(200);
  });

  it('meets the intent target (accuracy ≥ 0.96; reached 0.971)', () => {
    expect(result.intent.accuracy).toBeGreaterThanOrEqual(0.96);
  });

  it('meets the category target (macro-F1 ≥ 0.86; reached 0.876)', () => {
    expect(result.category.macroF1).toBeGreaterThanOrEqual(0.86);
  });

  it('finds the province and regency a message names (reached 1.000 and 1.000, a kota/kabupaten name alone accepting either)', () => {
    expect(result.province.accuracy).toBeGreaterThanOrEqual(0.96);
    expect(result.regency.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.regency.ambiguous).toBeGreaterThan(0);
    expect(result.regency.ambiguous).toBeLessThan(result.regency.total / 2);
  });
});

describe('IndonesianParser past its time budget', () => {
  const spent = IndonesianParser.load({ budgetMs: 0 });

  it('files the message for an operator as parse_budget, keeping what the form states and guessing nothing', () => {
    const r = spent.parse({ text: 'Jalan rusak di Kota Bandung', channel: 'mobile', fields: { title: 'Jalan rusak', category: 'infrastruktur' } });
    expect(r).toMatchObject({
      intent: 'complaint',
      title: 'Jalan rusak',
      category: 'infrastruktur',
      regionCode: null,
      agency: null,
      needsReview: true,
      reviewReasons: ['parse_budget'],
    });
    expect(r.reasons.join(' ')).toMatch(/parse budget of 0 ms used up/);
  });
});
