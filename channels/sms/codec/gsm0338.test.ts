import fc from 'fast-check';
import { GSM_EXTENSION_CHARS, decodeGsm, encodeGsm, gsmEncodable, gsmSeptetCount } from './gsm0338';
import { gsmText } from './testArbitraries';

// The smpp package's own GSM table: an independent transcription of 23.038 to check ours against.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped internal module, test-only reference
const { gsmCoder } = require('smpp/lib/defs') as {
  gsmCoder: { decode(bytes: Buffer, table: number): string; encode(text: string, table: number): Buffer };
};

describe('GSM 03.38 encoding', () => {
  it.each([
    ['@', [0x00]],
    ['£$¥', [0x01, 0x02, 0x03]],
    ['_', [0x11]],
    ['¤', [0x24]],
    ['¡', [0x40]],
    ['§', [0x5f]],
    ['¿', [0x60]],
    ['à', [0x7f]],
    ['Hi!', [0x48, 0x69, 0x21]],
    ['\n\r', [0x0a, 0x0d]],
    ['ΔΦΓΛΩΠΨΣΘΞ', [0x10, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a]],
  ])('encodes %j from the basic table', (text, bytes) => {
    expect([...encodeGsm(text)]).toEqual(bytes);
    expect(decodeGsm(Buffer.from(bytes))).toBe(text);
  });

  it.each([
    ['€', 0x65],
    ['[', 0x3c],
    [']', 0x3e],
    ['{', 0x28],
    ['}', 0x29],
    ['\\', 0x2f],
    ['^', 0x14],
    ['~', 0x3d],
    ['|', 0x40],
    ['\f', 0x0a],
  ])('encodes %j as escape + septet %d from the extension table and counts it as two septets', (ch, code) => {
    expect([...encodeGsm(ch)]).toEqual([0x1b, code]);
    expect(decodeGsm(Buffer.from([0x1b, code]))).toBe(ch);
    expect(gsmSeptetCount(ch)).toBe(2);
  });

  it('counts septets of mixed text', () => {
    expect(gsmSeptetCount('Harga Rp 5.000 {naik} €2')).toBe(24 + 3);
    expect(gsmSeptetCount('')).toBe(0);
  });

  it('knows which text fits the alphabet', () => {
    expect(gsmEncodable('Jalan rusak di Jl. Merdeka No. 5, tolong diperbaiki! @pemkot')).toBe(true);
    expect(gsmEncodable('Ç and é and Ñ')).toBe(true);
    expect(gsmEncodable('ç')).toBe(false);
    expect(gsmEncodable('“quoted”')).toBe(false);
    expect(gsmEncodable('jalan 🙏')).toBe(false);
    expect(gsmEncodable('`')).toBe(false);
  });

  it('refuses a non-GSM character by name and position', () => {
    expect(() => encodeGsm('ok 😀')).toThrow(/U\+D83D at index 3/);
    expect(() => gsmSeptetCount('’')).toThrow(RangeError);
  });

  it('reads an unknown escape as the basic table character, escape+escape and a trailing escape as space', () => {
    expect(decodeGsm(Buffer.from([0x1b, 0x41]))).toBe('A');
    expect(decodeGsm(Buffer.from([0x1b, 0x00]))).toBe('@');
    expect(decodeGsm(Buffer.from([0x1b, 0x1b, 0x41]))).toBe(' A');
    expect(decodeGsm(Buffer.from([0x41, 0x1b]))).toBe('A ');
  });

  it('marks an octet above 0x7F as not a septet instead of guessing', () => {
    expect(decodeGsm(Buffer.from([0x41, 0xe9, 0x1b, 0x80]))).toBe('A\ufffd\ufffd');
  });

  it('round-trips every GSM text', () => {
    fc.assert(
      fc.property(gsmText(), (text) => {
        const bytes = encodeGsm(text);
        expect(bytes.length).toBe(gsmSeptetCount(text));
        expect(bytes.every((b) => b <= 0x7f)).toBe(true);
        expect(decodeGsm(bytes)).toBe(text);
      }),
    );
  });

  it('never throws decoding arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(typeof decodeGsm(Buffer.from(bytes))).toBe('string');
      }),
    );
  });

  it('agrees with the smpp package on every basic and extension code', () => {
    for (let septet = 0; septet < 0x80; septet++) {
      if (septet === 0x1b) continue;
      expect(decodeGsm(Buffer.from([septet]))).toBe(gsmCoder.decode(Buffer.from([septet]), 0));
    }
    const extension = '€[]{}\\^~|\f';
    expect(encodeGsm(extension)).toEqual(gsmCoder.encode(extension, 0));
  });

  it('exposes exactly the ten extension characters', () => {
    expect([...GSM_EXTENSION_CHARS].sort()).toEqual(['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'].sort());
  });
});
