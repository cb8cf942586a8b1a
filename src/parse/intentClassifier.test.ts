import { generateTrackingNumber } from '../tickets/trackingNumber';
import { TextFeatures } from './features';
import { IntentClassifier } from './intentClassifier';
import { IntentRules } from './intentRules';
import { loadModel } from './modelFiles';

const textFeatures = TextFeatures.load();
const classifier = new IntentClassifier(IntentRules.load(), loadModel('intent'));
const classify = (text: string) => {
  const { normalized, intentFeatures } = textFeatures.extract(text);
  return classifier.classify(text, normalized, intentFeatures);
};

/** A tracking number with its check digit changed: every single-digit change breaks a Damm check. */
function mistyped(id: string): string {
  return `${id.slice(0, 9)}${(Number(id[9]) + 1) % 10}`;
}

describe('IntentClassifier: status queries', () => {
  const id = generateTrackingNumber();
  it.each([
    `CEK ${id}`,
    `cek ${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`,
    `Status ${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`,
    `status #${id} dong`,
    `STATUS LPR-${id}`,
    `cEk   #${id}`,
    id,
  ])('%s → status_query with the verified number', (text) => {
    expect(classify(text)).toMatchObject({ intent: 'status_query', trackingId: id, invalidTrackingId: null });
  });

  it('reports a mistyped number as invalid instead of dropping it', () => {
    const typo = mistyped(id);
    for (const text of [`cek ${typo}`, `STATUS #${typo.slice(0, 5)}-${typo.slice(5)}`]) {
      expect(classify(text)).toMatchObject({ intent: 'status_query', trackingId: null, invalidTrackingId: typo });
    }
  });

  it('does not take a phone number or an NIK for a tracking number', () => {
    expect(classify('cek 0812 3456 7890 12')).toMatchObject({ trackingId: null, invalidTrackingId: null });
    expect(classify('nik saya 3273012345670001 tidak terdaftar')).toMatchObject({ trackingId: null, invalidTrackingId: null });
  });

  it('takes a report number after "tambahan" for the report added to, not a status question', () => {
    expect(classify(`tambahan untuk laporan ${id}: lokasinya di belakang pasar`)).toMatchObject({ intent: 'followup', trackingId: id });
  });

  it('recognises a status question without a number', () => {
    expect(classify('status laporan saya gimana ya, sudah 2 minggu belum ada kabar').intent).toBe('status_query');
  });
});

describe('IntentClassifier: other intents', () => {
  it.each([
    ['', 'empty'],
    ['  ?? 123 ', 'empty'],
    ['@lapor1708', 'empty'],
    ['terima kasih min', 'greeting'],
    ['Assalamualaikum wr wb', 'greeting'],
    ['https://bit.ly/3abc', 'spam'],
    ['goblok lu admin', 'spam'],
    ['asdfghjkl qwrtpsdf', 'spam'],
    ['slot gacor maxwin hari ini, depo 10rb bonus 100%', 'spam'],
    ['jalan di desa kami rusak parah, sudah setahun tidak diperbaiki', 'complaint'],
    ['mohon agar dibangun jembatan baru di desa kami', 'aspiration'],
    ['bagaimana cara membuat akta kelahiran?', 'information_request'],
    ['syarat bikin ktp baru apa aja min?', 'information_request'],
    ['tambahan: lokasinya di depan sdn 3 dekat masjid', 'followup'],
    ['matur nuwun sanget pak', 'greeting'],
    ['We suggest adding more street lights near the market', 'aspiration'],
    ['How do I get a birth certificate for my son?', 'information_request'],
    ['The road in front of the school is broken and full of potholes', 'complaint'],
  ])('%s → %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });

  it('gives every decision a score and a reason', () => {
    const decision = classify('air pdam mati sudah 3 hari');
    expect(decision.confidence).toBeGreaterThan(0);
    expect(decision.confidence).toBeLessThanOrEqual(1);
    expect(decision.reasons.join(' ')).toMatch(/intent complaint: model/);
  });
});
