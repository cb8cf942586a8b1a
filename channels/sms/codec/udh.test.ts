import fc from 'fast-check';
import { concatFromSarTlvs, concatUdh8, hasUdh, parseUdh } from './udh';

const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');

describe('parseUdh', () => {
  it('reads an 8-bit reference concatenation header', () => {
    const udh = parseUdh(hex('05 00 03 2A 03 02  48 69'));
    expect(udh).toEqual({
      headerLength: 6,
      concat: { ref: 0x2a, total: 3, seq: 2, refBits: 8 },
      elements: [{ iei: 0x00, data: hex('2A 03 02') }],
    });
  });

  it('reads a 16-bit reference concatenation header', () => {
    const udh = parseUdh(hex('06 08 04 BE EF 02 01  00 48'));
    expect(udh?.headerLength).toBe(7);
    expect(udh?.concat).toEqual({ ref: 0xbeef, total: 2, seq: 1, refBits: 16 });
  });

  it('reads concatenation alongside national language shift and port addressing elements', () => {
    // 25 01 01 (locking shift, Turkish), 24 01 01 (single shift), 00 03 …, 05 04 (16-bit ports).
    const udh = parseUdh(hex('11 25 01 01 24 01 01 00 03 07 02 02 05 04 0B 84 23 F0  41'));
    expect(udh?.headerLength).toBe(18);
    expect(udh?.concat).toEqual({ ref: 7, total: 2, seq: 2, refBits: 8 });
    expect(udh?.elements.map((e) => e.iei)).toEqual([0x25, 0x24, 0x00, 0x05]);
    expect(udh?.elements[3]?.data).toEqual(hex('0B 84 23 F0'));
  });

  it('uses the last concatenation element when several are present', () => {
    const udh = parseUdh(hex('0B 00 03 01 02 01 08 04 01 00 03 03'));
    expect(udh?.concat).toEqual({ ref: 0x100, total: 3, seq: 3, refBits: 16 });
  });

  it('reads a header with no elements, and one with only other elements', () => {
    expect(parseUdh(hex('00 41'))).toEqual({ headerLength: 1, concat: null, elements: [] });
    expect(parseUdh(hex('04 05 02 0B 84 41'))?.concat).toBeNull();
  });

  it.each([
    ['empty input', ''],
    ['header longer than the message', '05 00 03 2A 03'],
    ['element running past the header', '04 00 03 2A 03 02 41'],
    ['element header cut in half', '01 00 41'],
    ['header length only', '01'],
  ])('returns null for %s', (_label, bytes) => {
    expect(parseUdh(hex(bytes))).toBeNull();
  });

  it.each([
    ['total 0', '05 00 03 2A 00 01'],
    ['seq 0', '05 00 03 2A 03 00'],
    ['seq beyond total', '05 00 03 2A 03 04'],
    ['8-bit element of the wrong length', '04 00 02 2A 03'],
    ['16-bit element of the wrong length', '05 08 03 2A 03 01'],
  ])('keeps the header but no concatenation for %s', (_label, bytes) => {
    const udh = parseUdh(hex(bytes));
    expect(udh).not.toBeNull();
    expect(udh?.concat).toBeNull();
  });

  it('copies element data so later changes to the PDU buffer do not leak in', () => {
    const pdu = hex('05 00 03 2A 03 02');
    const udh = parseUdh(pdu);
    pdu[3] = 0;
    expect(udh?.elements[0]?.data).toEqual(hex('2A 03 02'));
  });

  it('never throws and never reports a header beyond the bytes it was given', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const udh = parseUdh(Buffer.from(bytes));
        if (udh === null) return;
        expect(udh.headerLength).toBeLessThanOrEqual(bytes.length);
        expect(udh.headerLength).toBe((bytes[0] ?? 0) + 1);
        const elementOctets = udh.elements.reduce((n, e) => n + 2 + e.data.length, 0);
        expect(elementOctets).toBe(udh.headerLength - 1);
        if (udh.concat) {
          expect(udh.concat.seq).toBeGreaterThanOrEqual(1);
          expect(udh.concat.seq).toBeLessThanOrEqual(udh.concat.total);
        }
      }),
    );
  });

  it('finds any well-formed concatenation header among random other elements', () => {
    const element = fc.record({
      iei: fc.integer({ min: 0x01, max: 0xff }).filter((i) => i !== 0x08),
      data: fc.uint8Array({ maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(element, { maxLength: 4 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        fc.uint8Array({ maxLength: 50 }),
        (others, ref, total, sixteen, body) => {
          const seq = 1 + (ref % total);
          const concat = sixteen ? [0x08, 4, ref >> 8, ref & 0xff, total, seq] : [0x00, 3, ref & 0xff, total, seq];
          const ies = [...others.flatMap((e) => [e.iei, e.data.length, ...e.data]), ...concat];
          const udh = parseUdh(Buffer.from([ies.length, ...ies, ...body]));
          expect(udh?.headerLength).toBe(ies.length + 1);
          expect(udh?.concat).toEqual({ ref: sixteen ? ref : ref & 0xff, total, seq, refBits: sixteen ? 16 : 8 });
        },
      ),
    );
  });
});

describe('concatFromSarTlvs', () => {
  it('reads the three sar_* TLVs', () => {
    expect(concatFromSarTlvs({ sar_msg_ref_num: 0x1234, sar_total_segments: 3, sar_segment_seqnum: 3 })).toEqual({
      ref: 0x1234,
      total: 3,
      seq: 3,
      refBits: 16,
    });
  });

  it.each([
    [{}],
    [{ sar_msg_ref_num: 1, sar_total_segments: 2 }],
    [{ sar_msg_ref_num: 1, sar_total_segments: 0, sar_segment_seqnum: 0 }],
    [{ sar_msg_ref_num: 1, sar_total_segments: 2, sar_segment_seqnum: 3 }],
    [{ sar_msg_ref_num: 0x10000, sar_total_segments: 2, sar_segment_seqnum: 1 }],
    [{ sar_msg_ref_num: 1, sar_total_segments: 256, sar_segment_seqnum: 1 }],
    [{ sar_msg_ref_num: 1.5, sar_total_segments: 2, sar_segment_seqnum: 1 }],
  ])('returns null for %j', (tlvs) => {
    expect(concatFromSarTlvs(tlvs)).toBeNull();
  });
});

describe('helpers', () => {
  it('builds the header parseUdh reads back', () => {
    expect(concatUdh8(0x1ff, 4, 2)).toEqual(hex('05 00 03 FF 04 02'));
    expect(parseUdh(concatUdh8(9, 4, 2))?.concat).toEqual({ ref: 9, total: 4, seq: 2, refBits: 8 });
  });

  it('reads UDHI from esm_class', () => {
    expect(hasUdh(0x40)).toBe(true);
    expect(hasUdh(0x43)).toBe(true);
    expect(hasUdh(0x04)).toBe(false);
  });
});
