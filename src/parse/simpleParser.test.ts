import { generateTrackingNumber } from '../tickets/trackingNumber';
import { detectLanguage } from './language';
import { SimpleParser, titleFrom } from './simpleParser';

const parser = new SimpleParser();
const sms = (text: string) => parser.parse({ text, fields: null, channel: 'sms' });

describe('SimpleParser', () => {
  it('recognises a status query with a valid tracking number in free text', () => {
    const id = generateTrackingNumber();
    const spaced = `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`;
    expect(sms(`CEK ${spaced}`)).toMatchObject({ intent: 'status_query', trackingId: id });
    expect(sms(`status #${id} dong`)).toMatchObject({ intent: 'status_query', trackingId: id });
  });

  it('keeps a status query with a mistyped number a status query, without a number', () => {
    const id = generateTrackingNumber();
    const typo = `${id.slice(0, 9)}${(Number(id[9]) + 1) % 10}`;
    expect(sms(`cek ${typo}`)).toMatchObject({ intent: 'status_query', trackingId: null });
  });

  it('calls a message without words empty', () => {
    expect(sms('  ?? 123 ')).toMatchObject({ intent: 'empty' });
  });

  it('files anything else as a complaint titled by its first sentence', () => {
    const parsed = sms('Jalan di Desa Sukamaju rusak parah. Sudah tiga bulan tidak diperbaiki.');
    expect(parsed).toMatchObject({ intent: 'complaint', title: 'Jalan di Desa Sukamaju rusak parah.', category: 'lainnya', language: 'id' });
  });

  it('treats whatever a form or app sends as a report, using its fields', () => {
    const parsed = parser.parse({ text: 'cek', channel: 'web', fields: { title: 'Judul', category: 'kesehatan', location: 'Kota Medan' } });
    expect(parsed).toMatchObject({ intent: 'complaint', title: 'Judul', category: 'kesehatan', location: 'Kota Medan' });
  });

  it('cuts long titles at a word boundary', () => {
    const title = titleFrom(`${'sangat '.repeat(30)}panjang`);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['The water supply in our street is broken since Monday and nobody has fixed it.', 'en'],
    ['Air PDAM di jalan kami tidak mengalir sejak Senin dan belum ada perbaikan.', 'id'],
    ['tlg jln rusak gk ada yg benerin', 'id'],
    ['ok', 'id'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
