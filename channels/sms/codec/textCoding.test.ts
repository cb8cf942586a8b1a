import fc from 'fast-check';
import { encodeGsm } from './gsm0338';
import { anyText, gsmText } from './testArbitraries';
import {
  alphabetOf,
  chooseEncoding,
  decodeConcatenated,
  decodeShortMessage,
  decodeUcs2,
  encodeUcs2,
  looksLikeAsciiNotGsm,
} from './textCoding';

const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');

describe('decodeShortMessage', () => {
  describe('data_coding 0 (SMSC default alphabet)', () => {
    it('reads GSM septets, extension table included', () => {
      const bytes = encodeGsm('Lapor: jalan rusak {Jl. Merdeka} biaya €50 @pemkot_bdg');
      expect(decodeShortMessage(0, bytes)).toBe('Lapor: jalan rusak {Jl. Merdeka} biaya €50 @pemkot_bdg');
    });

    it('reads an ASCII body from an SMSC that does not speak GSM when "auto"', () => {
      const ascii = Buffer.from('email saya budi_s@mail.id, harga $5 [mahal]', 'ascii');
      expect(decodeShortMessage(0, ascii)).toBe('email saya budi_s@mail.id, harga $5 [mahal]');
      expect(decodeShortMessage(0, ascii, { defaultAlphabet: 'gsm' })).toBe('email saya budi§s¡mail.id, harga ¤5 ÄmahalÑ');
    });

    it('reads Latin-1 and UTF-8 bodies (octets above 0x7F cannot be septets)', () => {
      expect(decodeShortMessage(0, Buffer.from('café', 'latin1'))).toBe('café');
      expect(decodeShortMessage(0, Buffer.from('café ✓', 'utf8'))).toBe('café ✓');
      expect(decodeShortMessage(0, Buffer.from('café', 'latin1'), { defaultAlphabet: 'gsm' })).toBe('café');
    });

    it('prefers GSM when the body has octets only GSM uses', () => {
      // "@" is 0x00 and "_" 0x11 in GSM: an ASCII SMSC would never send those.
      expect(decodeShortMessage(0, encodeGsm('budi@mail.id [x]'))).toBe('budi@mail.id [x]');
      expect(decodeShortMessage(0, encodeGsm('Ä_Ñ'))).toBe('Ä_Ñ');
      expect(looksLikeAsciiNotGsm(encodeGsm('Ä_Ñ'))).toBe(false);
    });

    it('reads plain letters the same either way', () => {
      const bytes = Buffer.from('Jalan Rusak 12, tolong!', 'ascii');
      for (const defaultAlphabet of ['auto', 'gsm', 'latin1'] as const) {
        expect(decodeShortMessage(0, bytes, { defaultAlphabet })).toBe('Jalan Rusak 12, tolong!');
      }
    });

    it('honours "latin1" for an SMSC known to send 8-bit text', () => {
      expect(decodeShortMessage(0, hex('00 41'), { defaultAlphabet: 'latin1' })).toBe('A');
      expect(decodeShortMessage(0, hex('00 41'), { defaultAlphabet: 'gsm' })).toBe('@A');
    });
  });

  it('reads data_coding 1 (IA5) as ASCII, not through the GSM table as the smpp package does', () => {
    expect(decodeShortMessage(1, Buffer.from('a_b@c.id $1', 'ascii'))).toBe('a_b@c.id $1');
    // Octets above 0x7F are not IA5, but SMSCs put Latin-1 there.
    expect(decodeShortMessage(1, hex('A3 35 20 E9'))).toBe('£5 é');
  });

  it('reads data_coding 3 as Latin-1, strictly', () => {
    expect(decodeShortMessage(3, hex('43 61 66 E9 20 A3 31'))).toBe('Café £1');
    // Valid UTF-8 under an explicit Latin-1 label is still Latin-1.
    expect(decodeShortMessage(3, Buffer.from('é', 'utf8'))).toBe('Ã©');
  });

  describe('data_coding 8 (UCS2)', () => {
    it('reads UTF-16BE with surrogate pairs', () => {
      expect(decodeShortMessage(8, hex('0048 0069 0020 D83D DE00 0020 4E2D'))).toBe('Hi 😀 中');
    });

    it('turns a lone surrogate and an odd trailing byte into U+FFFD instead of throwing', () => {
      expect(decodeShortMessage(8, hex('D83D 0041'))).toBe('\ufffdA');
      expect(decodeShortMessage(8, hex('DE00'))).toBe('\ufffd');
      expect(decodeShortMessage(8, hex('0041 00'))).toBe('A\ufffd');
      expect(decodeShortMessage(8, hex('D83D'))).toBe('\ufffd');
    });

    it('drops U+0000, which PostgreSQL cannot store', () => {
      expect(decodeShortMessage(8, hex('0041 0000 0042'))).toBe('AB');
    });
  });

  it('reads GSM DCS values that SMSCs pass through (flash, message class, UCS2 class)', () => {
    expect(decodeShortMessage(0xf0, encodeGsm('flash @'))).toBe('flash @');
    expect(decodeShortMessage(0x10, encodeGsm('kelas 0 €'))).toBe('kelas 0 €');
    expect(decodeShortMessage(0x18, encodeUcs2('kelas 0 😀'))).toBe('kelas 0 😀');
    expect(decodeShortMessage(0xe0, encodeUcs2('tunggu'))).toBe('tunggu');
  });

  it('reads binary and unknown codings as UTF-8 when valid, else Latin-1 (every byte kept)', () => {
    expect(decodeShortMessage(4, Buffer.from('teks ✓', 'utf8'))).toBe('teks ✓');
    expect(decodeShortMessage(0xf5, hex('FF 01 80'))).toBe('\u00ff\u0001\u0080');
    expect(decodeShortMessage(2, hex('41 00 42'))).toBe('AB');
    expect(decodeShortMessage(300, Buffer.from('x'))).toBe('x');
    expect(decodeShortMessage(-1, Buffer.from('x'))).toBe('x');
  });

  it('reads the national charsets SMPP names', () => {
    expect(decodeShortMessage(6, hex('BF E0 D8 D2 D5 E2'))).toBe('Привет');
    expect(decodeShortMessage(7, hex('E0 E1'))).toBe('אב');
  });

  it('never throws, whatever the coding and bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 300 }), fc.uint8Array({ maxLength: 300 }), fc.constantFrom('auto', 'gsm', 'latin1' as const), (dc, bytes, defaultAlphabet) => {
        const text = decodeShortMessage(dc, Buffer.from(bytes), { defaultAlphabet });
        expect(typeof text).toBe('string');
        expect(text.includes('\u0000')).toBe(false);
        expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)).toBe(false);
      }),
    );
  });
});

describe('UCS2', () => {
  it('round-trips any text without lone surrogates or NUL', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        const clean = text.replaceAll('\u0000', '');
        expect(decodeUcs2(encodeUcs2(clean))).toBe(clean);
        expect(decodeShortMessage(8, encodeUcs2(clean))).toBe(clean);
      }),
    );
  });

  it('encodes big-endian', () => {
    expect(encodeUcs2('A😀').toString('hex')).toBe('0041d83dde00');
  });
});

describe('GSM round trip through decodeShortMessage', () => {
  it('gives back any GSM text with defaultAlphabet "gsm"', () => {
    fc.assert(
      fc.property(gsmText(), (text) => {
        expect(decodeShortMessage(0, encodeGsm(text), { defaultAlphabet: 'gsm' })).toBe(text);
      }),
    );
  });

  it('gives back any GSM text under "auto" unless it only differs from ASCII by ¤ ¡ Ä Ö Ñ Ü § ¿ ä ö ñ ü', () => {
    fc.assert(
      fc.property(gsmText(), (text) => {
        const bytes = encodeGsm(text);
        if (!looksLikeAsciiNotGsm(bytes)) expect(decodeShortMessage(0, bytes)).toBe(text);
        else expect(text).toMatch(/^[^@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉà€[\]{}\\^~|\f]*$/);
      }),
    );
  });
});

describe('decodeConcatenated', () => {
  it('rejoins an escape pair and a surrogate pair split across parts by the sender', () => {
    expect(decodeConcatenated(0, [hex('41 1B'), hex('65 42')], { defaultAlphabet: 'gsm' })).toBe('A€B');
    expect(decodeConcatenated(8, [hex('0041 D83D'), hex('DE00 0042')])).toBe('A😀B');
  });
});

describe('chooseEncoding', () => {
  it.each([
    ['Jalan rusak parah, mohon diperbaiki.', 'gsm'],
    ['Harga €5 {naik}', 'gsm'],
    ['', 'gsm'],
    ['Terima kasih 🙏', 'ucs2'],
    ['“kutip”', 'ucs2'],
    ['façade', 'ucs2'],
  ] as const)('%j → %s', (text, coding) => {
    expect(chooseEncoding(text)).toBe(coding);
  });
});

describe('alphabetOf', () => {
  it.each([
    [0, 'smsc-default'],
    [1, 'ia5'],
    [3, 'latin1'],
    [8, 'ucs2'],
    [4, 'octets'],
    [0x11, 'gsm7'],
    [0x19, 'ucs2'],
    [0x15, 'octets'],
    [0x31, 'octets'],
    [0x90, 'octets'],
    [0xc8, 'gsm7'],
    [0xe1, 'ucs2'],
    [0xf1, 'gsm7'],
    [0xf6, 'octets'],
  ] as const)('data_coding %i → %s', (dc, alphabet) => {
    expect(alphabetOf(dc)).toBe(alphabet);
  });
});
