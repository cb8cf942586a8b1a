import { TextFeatures } from './features';

const textFeatures = TextFeatures.load();

describe('TextFeatures', () => {
  it('marks an intent cue, and a second time when it opens the message', () => {
    const opening = textFeatures.extract('tambahan: lokasinya di depan sdn 3').intentFeatures;
    expect(opening.has('k:followup')).toBe(true);
    expect(opening.has('k:followup^')).toBe(true);
    const inside = textFeatures.extract('petugas imigrasi minta uang tambahan supaya paspor cepat jadi').intentFeatures;
    expect(inside.has('k:followup')).toBe(true);
    expect(inside.has('k:followup^')).toBe(false);
  });

  it('gives the intent model no character n-grams and the category model all features', () => {
    const { featureSet, intentFeatures } = textFeatures.extract('air pdam mati sudah 3 hari');
    expect([...featureSet].some((f) => f.startsWith('c:'))).toBe(true);
    expect([...intentFeatures].some((f) => f.startsWith('c:'))).toBe(false);
    expect(intentFeatures.has('w:air')).toBe(true);
  });

  it('reads an English message also in its Indonesian gloss', () => {
    const { featureSet } = textFeatures.extract('We suggest the city repairs the street lights on our road');
    expect(featureSet.has('w:lampu')).toBe(true);
    expect(featureSet.has('k:aspiration^')).toBe(true);
  });

  it('does not gloss Indonesian text: "air" stays water', () => {
    const { featureSet } = textFeatures.extract('air di rumah kami tidak mengalir');
    expect(featureSet.has('w:udara')).toBe(false);
    expect(featureSet.has('k:aspiration')).toBe(false);
  });
});
