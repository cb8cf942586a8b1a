import { MinHasher, similarity, bandKeys, decodeSignature, encodeSignature } from './minhash';
import { comparePlaces, regencyOf } from './places';
import { isSameReporter, lookupIdentities, senderIdentities, verifiedIdentities } from './senderIdentities';
import { contentTokens, shingles, textKey, tokenize } from './shingles';
import { followupSignal } from './followupSignals';

describe('tokens and shingles', () => {
  it('ignores case, punctuation, URLs, mentions and repeated letters', () => {
    const a = tokenize('@lapor1708 Jalan RUSAK parahhh!!! https://t.co/x1');
    expect(a).toEqual(['jalan', 'rusak', 'parah']);
    expect(textKey(a)).toBe(textKey(tokenize('jalan rusak, parah.')));
  });

  it('drops function words and the possessive -nya before shingling', () => {
    expect(contentTokens(tokenize('Mohon lubangnya di jalan yang itu segera ditambal'))).toEqual(['lubang', 'jalan', 'segera', 'ditambal']);
    expect([...shingles(['a', 'b', 'c'], 2)]).toEqual(['a', 'b', 'c', 'a b', 'b c']);
  });
});

describe('MinHash', () => {
  const hasher = new MinHasher(128, 1708);
  const set = (text: string) => shingles(contentTokens(tokenize(text)), 2);

  it('estimates Jaccard similarity within a few hundredths', () => {
    const a = new Set(Array.from({ length: 60 }, (_, i) => `w${i}`));
    const b = new Set(Array.from({ length: 60 }, (_, i) => `w${i + 20}`)); // 40 shared of 80: J = 0.5
    expect(Math.abs(similarity(hasher.signature(a), hasher.signature(b)) - 0.5)).toBeLessThan(0.12);
    expect(similarity(hasher.signature(a), hasher.signature(a))).toBe(1);
  });

  it('gives identical texts identical band keys and unrelated texts none in common', () => {
    const a = hasher.signature(set('Air PDAM di Perumnas Klender tidak mengalir tiga hari'));
    const b = hasher.signature(set('Sertifikat tanah di BPN Sidoarjo belum selesai dua tahun'));
    expect(bandKeys(a, 10, 6)).toEqual(bandKeys(hasher.signature(set('air pdam di perumnas klender tidak mengalir tiga hari')), 10, 6));
    const shared = bandKeys(a, 10, 6).filter((k, i) => bandKeys(b, 10, 6)[i] === k);
    expect(shared).toHaveLength(0);
  });

  it('round-trips the stored bytes', () => {
    const sig = hasher.signature(set('lampu jalan mati'));
    expect(encodeSignature(sig)).toHaveLength(256);
    expect(decodeSignature(encodeSignature(sig))).toEqual(sig);
  });
});

describe('places', () => {
  it('compares region codes at the finer level both know', () => {
    expect(comparePlaces('32.73.01.1001', '32.73')).toBe('same');
    expect(comparePlaces('32.73.01', '32.73.05')).toBe('different');
    expect(comparePlaces('32.73.01', '32.73.05', 2)).toBe('same');
    expect(comparePlaces('32', '32.73')).toBe('unknown');
    expect(comparePlaces('32.73', null)).toBe('unknown');
    expect(comparePlaces('32.73', '32.01')).toBe('different');
    expect(regencyOf('32.73.01.1001')).toBe('32.73');
    expect(regencyOf('32')).toBeNull();
  });
});

describe('sender identities', () => {
  it('trusts what the channel vouches for and marks what was typed in as a claim', () => {
    expect(senderIdentities('sms', { id: '+6281234567890', phone: '+6281234567890' })).toEqual(['sms:+6281234567890', 'tel:+6281234567890']);
    expect(senderIdentities('web', { id: 'sess-1', phone: '081234567890', email: 'A@B.id' })).toEqual(['web:sess-1', 'claim:tel:+6281234567890', 'claim:email:a@b.id']);
    expect(senderIdentities('twitter', { id: '12345678901' })).toEqual(['twitter:12345678901']);
  });

  it('looks up a claim and a verified number under both forms, and locks on verified ones only', () => {
    const typed = senderIdentities('mobile', { id: 'app:k1', phone: '081234567890' });
    expect(lookupIdentities(typed)).toEqual(['mobile:app:k1', 'tel:+6281234567890', 'claim:tel:+6281234567890']);
    expect(verifiedIdentities(typed)).toEqual(['mobile:app:k1']);
  });

  it('makes two senders one reporter only through a verified identity', () => {
    const sms = { id: '+6281234567890', phone: '+6281234567890' };
    expect(isSameReporter(sms, 'sms', sms, 'sms')).toBe(true);
    expect(isSameReporter(sms, 'sms', { id: 'web:n1', phone: '081234567890' }, 'web')).toBe(false);
    expect(isSameReporter({ id: 'web:n1', phone: '081234567890' }, 'web', { id: 'app:k', phone: '081234567890' }, 'mobile')).toBe(false);
    expect(isSameReporter({ id: '42' }, 'twitter', { id: '42' }, 'instagram')).toBe(false);
  });
});

describe('follow-up signals', () => {
  const signal = (text: string, intent = 'complaint', attachmentCount = 0) => followupSignal({ text, intent, attachmentCount, tokens: tokenize(text) });
  it.each([
    'tambahan: lubangnya makin besar',
    'Lokasinya di depan masjid',
    'alamat kantornya di Jl. Pulau Moyo',
    'maaf lupa, nomor kartunya 123',
    'ralat: desanya Karangsari',
    'laporan saya tadi belum dijawab',
    'Menambahkan laporan sebelumnya, pangkalannya di Jl. Ganet',
  ])('hears an addition in "%s"', (text) => expect(signal(text)).not.toBeNull());

  it.each(['Jalan berlubang di depan pasar', 'Satu lagi, jalan menuju kantor becek', 'Lampu jalan di lokasi parkir mati'])('hears none in "%s"', (text) => expect(signal(text)).toBeNull());

  it('takes a photo without text and the parser’s follow-up intent', () => {
    expect(signal('', 'empty', 1)).toContain('photo');
    expect(signal('sekarang ada korban', 'followup')).toContain('parser');
  });
});
