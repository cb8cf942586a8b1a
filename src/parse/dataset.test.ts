import { CategoryTaxonomy } from './categoryTaxonomy';
import { acceptedRegencies, isHeldOut, loadDataset, splitDataset } from './dataset';
import { placeTokens } from './location/placeText';
import { RegionTable } from './location/regionTable';
import { Normalizer } from './normalizer';
import { INTENTS } from './parser';

const dataset = loadDataset();
const ADMINISTRATIVE_WORDS = new Set(['kota', 'kab', 'kabupaten', 'kodya', 'kotamadya', 'pemkot', 'pemkab', 'walikota', 'bupati']);
const DESA_WORDS = new Set(['desa', 'ds', 'dusun', 'dsn', 'kades', 'bumdes']);
const { train, heldOut } = splitDataset(dataset);

describe('test/fixtures/messages.jsonl', () => {
  it('has at least 1000 labelled messages covering every intent and category', () => {
    expect(dataset.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(dataset.map((m) => m.intent))).toEqual(new Set(INTENTS));
    expect(new Set(dataset.flatMap((m) => (m.category ? [m.category] : [])))).toEqual(new Set(CategoryTaxonomy.load().ids));
  });

  it('labels regions with codes where a message names one, regency inside its province', () => {
    const withRegency = dataset.filter((m) => m.regency !== undefined);
    expect(withRegency.length).toBeGreaterThan(450);
    for (const m of withRegency) for (const code of acceptedRegencies(m)) expect(code.startsWith(`${m.province}.`)).toBe(true);
  });

  it('lists a kota and a kabupaten only where the text names their shared name and nothing that tells them apart', () => {
    const table = RegionTable.shared();
    const listed = dataset.filter((m) => acceptedRegencies(m).length > 1);
    expect(listed.length).toBeGreaterThan(40);
    for (const m of listed) {
      const regions = acceptedRegencies(m).map((code) => table.get(code));
      expect(new Set(regions.map((r) => r?.kind))).toEqual(new Set(['kota', 'kabupaten']));
      const name = regions[0]?.baseName.toLowerCase() ?? '';
      expect(regions.map((r) => r?.baseName.toLowerCase())).toEqual([name, name]);
      const words = placeTokens(m.text).map((t) => t.word);
      expect(words).toContain(name);
      // An administrative word before the name, or a desa (only kabupaten of these names have desa), is a cue.
      expect(words.filter((w, i) => w === name && ADMINISTRATIVE_WORDS.has(words[i - 1] ?? ''))).toEqual([]);
      expect(words.filter((w) => DESA_WORDS.has(w))).toEqual([]);
    }
  });

  it('splits by a hash of the text: stable, about a fifth held out', () => {
    expect(heldOut.length / dataset.length).toBeGreaterThan(0.15);
    expect(heldOut.length / dataset.length).toBeLessThan(0.25);
    expect(heldOut.every(isHeldOut)).toBe(true);
  });

  it('holds out no message that is the same as a training message once normalised', () => {
    const normalizer = Normalizer.load();
    const seen = new Set(train.map((m) => normalizer.normalize(m.text).text));
    const repeated = heldOut.filter((m) => normalizer.normalize(m.text).text !== '' && seen.has(normalizer.normalize(m.text).text));
    expect(repeated.map((m) => m.text)).toEqual([]);
  });
});
