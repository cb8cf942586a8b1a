import { fitWeighted, MAX_TWEET_WEIGHT, weightedLength } from './weightedLength';
import { complaintText } from './tweetText';

describe('weightedLength (twitter-text v3 rules)', () => {
  it.each([
    ['Latin text counts 1 a character', 'Laporan 1234567890', 18],
    ['CJK counts 2', '日本語', 6],
    ['an emoji counts 2', '👍', 2],
    ['a ZWJ family emoji counts 2 in all', '👨‍👩‍👧', 2],
    ['a URL counts 23 whatever its length', 'lihat https://lapor.go.id/laporan/detil/sangat-panjang-sekali-alamatnya', 6 + 23],
    ['a bare domain counts 23', 'buka lapor.go.id', 5 + 23],
    ['general punctuation in the light range counts 1', '“kutip” – ok', 12],
    ['an ellipsis counts 2', '…', 2],
  ])('%s', (_label, text, weight) => {
    expect(weightedLength(text)).toBe(weight);
  });
});

describe('fitWeighted', () => {
  it('leaves a text within the limit alone', () => {
    expect(fitWeighted('Terima kasih.', MAX_TWEET_WEIGHT)).toBe('Terima kasih.');
  });

  it('cuts CJK text to 280 weighted characters at a character boundary, ending in an ellipsis', () => {
    const text = `Nomor 1234567890. ${'漢'.repeat(200)}`;
    const cut = fitWeighted(text, MAX_TWEET_WEIGHT);
    expect(weightedLength(cut)).toBeLessThanOrEqual(MAX_TWEET_WEIGHT);
    expect(weightedLength(cut)).toBeGreaterThan(MAX_TWEET_WEIGHT - 3);
    expect(cut.startsWith('Nomor 1234567890.')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits an emoji sequence', () => {
    const cut = fitWeighted('👨‍👩‍👧'.repeat(200), 280);
    expect(cut.replace(/…$/, '').match(/👨‍👩‍👧/gu)?.join('')).toBe(cut.replace(/…$/, ''));
  });
});

describe('complaintText', () => {
  it.each([
    ['@lapor1708 Jalan rusak', 'Jalan rusak'],
    ['@budi @lapor1708   @dinaspu Jalan rusak', 'Jalan rusak'],
    ['Jalan rusak, mohon @dinaspu_bdg cek', 'Jalan rusak, mohon @dinaspu_bdg cek'],
    ['@lapor1708 A &amp; B &lt;3 &gt;', 'A & B <3 >'],
    ['@lapor1708', ''],
    ['email@lapor1708.id bukan mention', 'email@lapor1708.id bukan mention'],
  ])('%p → %p', (input, output) => {
    expect(complaintText(input)).toBe(output);
  });
});
