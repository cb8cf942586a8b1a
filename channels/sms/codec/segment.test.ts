import fc from 'fast-check';
import { anyText, gsmText } from './testArbitraries';
import { MAX_PARTS, SmsTooLongError, segmentForSms, type SegmentedSms } from './segment';
import { decodeShortMessage, withoutNul } from './textCoding';
import { hasUdh, parseUdh } from './udh';

const AIR_OCTETS = 140;

function bodies(sms: SegmentedSms): Buffer[] {
  if (!hasUdh(sms.esmClass)) return sms.parts;
  return sms.parts.map((part) => part.subarray(parseUdh(part)?.headerLength ?? 0));
}

/** What a handset shows: parts ordered by the UDH sequence number, bodies decoded. */
function reassemble(sms: SegmentedSms): string {
  const ordered = hasUdh(sms.esmClass)
    ? [...sms.parts].sort((a, b) => (parseUdh(a)?.concat?.seq ?? 0) - (parseUdh(b)?.concat?.seq ?? 0))
    : sms.parts;
  const sorted: SegmentedSms = { ...sms, parts: ordered };
  return decodeShortMessage(sms.dataCoding, Buffer.concat(bodies(sorted)), { defaultAlphabet: 'gsm' });
}

/** Octets a part takes on the air: septets are packed 7 bits each, the UDH padded to a septet boundary. */
function airOctets(sms: SegmentedSms, part: Buffer): number {
  const udhLength = hasUdh(sms.esmClass) ? (parseUdh(part)?.headerLength ?? 0) : 0;
  const body = part.length - udhLength;
  if (sms.dataCoding === 8) return part.length;
  const udhSeptets = Math.ceil((udhLength * 8) / 7);
  return Math.ceil(((udhSeptets + body) * 7) / 8);
}

function checkLimits(sms: SegmentedSms, ref: number): void {
  const multipart = sms.parts.length > 1;
  expect(sms.esmClass).toBe(multipart ? 0x40 : 0);
  sms.parts.forEach((part, i) => {
    expect(airOctets(sms, part)).toBeLessThanOrEqual(AIR_OCTETS);
    expect(part.length).toBeLessThanOrEqual(254);
    if (multipart) {
      expect(parseUdh(part)?.concat).toEqual({ ref: ref & 0xff, total: sms.parts.length, seq: i + 1, refBits: 8 });
    }
  });
}

describe('segmentForSms', () => {
  it('sends short GSM text as one part without a UDH', () => {
    const sms = segmentForSms('Laporan Anda diterima. Nomor: 1234567894', 7);
    expect(sms).toEqual({ dataCoding: 0, esmClass: 0, parts: [Buffer.from('Laporan Anda diterima. Nomor: 1234567894', 'ascii')] });
  });

  it('fits 160 septets in one part and splits 161 into 153 + 8', () => {
    expect(segmentForSms('a'.repeat(160), 1).parts).toHaveLength(1);
    const sms = segmentForSms('a'.repeat(161), 1);
    expect(sms.parts.map((p) => p.length)).toEqual([6 + 153, 6 + 8]);
    expect(sms.parts[0]?.subarray(0, 6)).toEqual(Buffer.from([0x05, 0x00, 0x03, 0x01, 0x02, 0x01]));
    expect(sms.parts[1]?.subarray(0, 6)).toEqual(Buffer.from([0x05, 0x00, 0x03, 0x01, 0x02, 0x02]));
  });

  it('counts extension characters twice: 159 + € is 161 septets and splits', () => {
    expect(segmentForSms('a'.repeat(158) + '€', 1).parts).toHaveLength(1);
    expect(segmentForSms('a'.repeat(159) + '€', 1).parts).toHaveLength(2);
  });

  it('moves an escape pair that would straddle a part boundary into the next part', () => {
    const sms = segmentForSms(`${'a'.repeat(152)}€${'b'.repeat(10)}`, 3);
    const [first, second] = bodies(sms);
    expect(first?.length).toBe(152);
    expect(first?.[151]).toBe(0x61);
    expect([...(second ?? Buffer.alloc(0)).subarray(0, 2)]).toEqual([0x1b, 0x65]);
    expect(reassemble(sms)).toBe(`${'a'.repeat(152)}€${'b'.repeat(10)}`);
  });

  it.each(['[', ']', '{', '}', '\\', '^', '~', '|', '€', '\f'])('never splits %j at any boundary position', (ch) => {
    for (let lead = 150; lead <= 154; lead++) {
      const text = 'x'.repeat(lead) + ch.repeat(6);
      const sms = segmentForSms(text, 0);
      for (const body of bodies(sms)) expect(body[body.length - 1]).not.toBe(0x1b);
      expect(reassemble(sms)).toBe(text);
    }
  });

  it('sends text with a character outside GSM as UCS2, 70 units in one part, 67 a part beyond', () => {
    const single = segmentForSms(`ó${'a'.repeat(69)}`, 1);
    expect(single.dataCoding).toBe(8);
    expect(single.parts).toHaveLength(1);
    expect(single.parts[0]?.length).toBe(140);
    const split = segmentForSms(`ó${'a'.repeat(70)}`, 1);
    expect(split.parts.map((p) => p.length)).toEqual([6 + 134, 6 + 8]);
  });

  it('moves a surrogate pair that would straddle a part boundary into the next part', () => {
    const text = `${'a'.repeat(66)}😀${'b'.repeat(5)}`;
    const sms = segmentForSms(text, 9);
    const [first, second] = bodies(sms);
    expect(first?.length).toBe(66 * 2);
    expect(second?.subarray(0, 4).toString('hex')).toBe('d83dde00');
    // Each part decodes alone, which is what a handset without reassembly shows.
    expect(bodies(sms).map((b) => decodeShortMessage(8, b)).join('')).toBe(text);
  });

  it('refuses text that needs more than 255 parts instead of truncating it', () => {
    expect(segmentForSms('a'.repeat(153 * MAX_PARTS), 1).parts).toHaveLength(MAX_PARTS);
    expect(() => segmentForSms('a'.repeat(153 * MAX_PARTS + 1), 1)).toThrow(SmsTooLongError);
    // 33 emoji (66 UTF-16 units) fill a UCS2 part: a 34th would split a surrogate pair.
    expect(segmentForSms('😀'.repeat(33 * MAX_PARTS), 1).parts).toHaveLength(MAX_PARTS);
    expect(() => segmentForSms('😀'.repeat(33 * MAX_PARTS + 1), 1)).toThrow(/needs 256 SMS parts/);
  });

  it('uses the low 8 bits of the reference and refuses a negative or fractional one', () => {
    expect(parseUdh(segmentForSms('a'.repeat(200), 0x1234).parts[0] ?? Buffer.alloc(0))?.concat?.ref).toBe(0x34);
    expect(() => segmentForSms('x', -1)).toThrow(RangeError);
    expect(() => segmentForSms('x', 1.5)).toThrow(RangeError);
  });

  it('sends empty text as one empty GSM part', () => {
    expect(segmentForSms('', 0)).toEqual({ dataCoding: 0, esmClass: 0, parts: [Buffer.alloc(0)] });
  });

  it('leaves out U+0000, which a handset shows as nothing: a reply with one stray NUL stays GSM and whole', () => {
    const sms = segmentForSms('Nomor laporan\u0000 1234567894', 3);
    expect(sms.dataCoding).toBe(0);
    expect(reassemble(sms)).toBe('Nomor laporan 1234567894');
  });

  it('reassembles to the input (less U+0000) for any text, every part within limits and decodable alone', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(600), gsmText(1200)), fc.integer({ min: 0, max: 0xffff }), (text, ref) => {
        const sms = segmentForSms(text, ref);
        checkLimits(sms, ref);
        const shown = withoutNul(text);
        expect(reassemble(sms)).toBe(shown);
        const alone = bodies(sms).map((b) => decodeShortMessage(sms.dataCoding, b, { defaultAlphabet: 'gsm' }));
        expect(alone.join('')).toBe(shown);
      }),
      { numRuns: 300 },
    );
  });

  it('uses the fewest parts the no-split rule allows', () => {
    fc.assert(
      fc.property(gsmText(1200), (text) => {
        const sms = segmentForSms(text, 0);
        const septets = bodies(sms).reduce((n, b) => n + b.length, 0);
        if (septets <= 160) expect(sms.parts).toHaveLength(1);
        // Each boundary can waste at most one septet (an escape pair moved whole).
        else expect(sms.parts.length).toBeLessThanOrEqual(Math.ceil(septets / 152));
      }),
    );
  });
});
