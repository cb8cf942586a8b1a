import {
  dammCheckDigit,
  findTrackingNumber,
  generateTrackingNumber,
  parseTrackingNumber,
} from './trackingNumber';

// Computed with the published table outside this code base.
const KNOWN = '1234567894';

function withCheckDigit(nine: string): string {
  return nine + String(dammCheckDigit(nine));
}

describe('dammCheckDigit', () => {
  it('matches published worked examples', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammCheckDigit('11294')).toBe(6);
    expect(dammCheckDigit('5724')).toBe(0);
    expect(dammCheckDigit('5727')).not.toBe(0);
  });

  it('gives 0 over a number that already ends in its check digit', () => {
    for (let i = 0; i < 200; i++) {
      expect(dammCheckDigit(generateTrackingNumber())).toBe(0);
    }
  });

  it('rejects input that is not digits', () => {
    expect(() => dammCheckDigit('')).toThrow(RangeError);
    expect(() => dammCheckDigit('12a4')).toThrow(RangeError);
    expect(() => dammCheckDigit('12 34')).toThrow(RangeError);
  });
});

describe('generateTrackingNumber', () => {
  it('produces 10 digits, first 1-9, that parse back to themselves', () => {
    for (let i = 0; i < 1000; i++) {
      const n = generateTrackingNumber();
      expect(n).toMatch(/^[1-9]\d{9}$/);
      expect(parseTrackingNumber(n)).toBe(n);
    }
  });

  it('looks random: no runs, first digits and body digits spread evenly', () => {
    const count = 10_000;
    const numbers = Array.from({ length: count }, () => generateTrackingNumber());

    // 9e8 possible numbers: among 10k, P(any collision) is about 5%, P(3 or more) about 3e-5.
    // Demanding zero would make the test flaky; a broken generator repeats far more than this.
    expect(count - new Set(numbers).size).toBeLessThanOrEqual(2);

    let consecutive = 0;
    for (let i = 1; i < count; i++) {
      const step = Number(numbers[i]) - Number(numbers[i - 1]);
      if (Math.abs(step) < 1000) consecutive++;
    }
    expect(consecutive).toBeLessThanOrEqual(2);

    const firstDigits = new Map<string, number>();
    for (const n of numbers) firstDigits.set(n[0] ?? '', (firstDigits.get(n[0] ?? '') ?? 0) + 1);
    expect([...firstDigits.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // Expected 1111 each with a standard deviation of about 31: these bounds are over 6 sigma.
    for (const seen of firstDigits.values()) {
      expect(seen).toBeGreaterThan(900);
      expect(seen).toBeLessThan(1320);
    }

    // Every random body position uses every digit about equally (expected 1000, sd about 30).
    for (let pos = 1; pos <= 8; pos++) {
      const tally = new Array<number>(10).fill(0);
      for (const n of numbers) tally[Number(n[pos])] = (tally[Number(n[pos])] ?? 0) + 1;
      for (const seen of tally) {
        expect(seen).toBeGreaterThan(800);
        expect(seen).toBeLessThan(1200);
      }
    }
  });
});

describe('error detection over generated numbers', () => {
  const sample = Array.from({ length: 300 }, () => generateTrackingNumber());

  it('catches every single-digit substitution', () => {
    let tried = 0;
    for (const n of sample) {
      for (let pos = 0; pos < n.length; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === n[pos]) continue;
          const typo = n.slice(0, pos) + String(d) + n.slice(pos + 1);
          tried++;
          if (parseTrackingNumber(typo) !== null) throw new Error(`substitution not caught: ${n} -> ${typo}`);
        }
      }
    }
    expect(tried).toBe(sample.length * 10 * 9);
  });

  it('catches every transposition of adjacent distinct digits', () => {
    let tried = 0;
    for (const n of sample) {
      for (let pos = 0; pos + 1 < n.length; pos++) {
        const a = n[pos];
        const b = n[pos + 1];
        if (a === undefined || b === undefined || a === b) continue;
        const swapped = n.slice(0, pos) + b + a + n.slice(pos + 2);
        tried++;
        if (parseTrackingNumber(swapped) !== null) throw new Error(`transposition not caught: ${n} -> ${swapped}`);
      }
    }
    expect(tried).toBeGreaterThan(sample.length * 7);
  });
});

describe('parseTrackingNumber', () => {
  const n = withCheckDigit('987654321');

  it.each([
    [n],
    [`  ${n}  `],
    [`#${n}`],
    [`# ${n}`],
    [`LPR${n}`],
    [`LPR-${n}`],
    [`LPR ${n}`],
    [`lpr-${n}`],
    [`Lpr ${n}`],
    [`#LPR-${n}`],
    [`${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`],
    [`${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`],
    [`LPR-${n.slice(0, 3)} - ${n.slice(3, 6)} ${n.slice(6)}`],
    [`\t${n.slice(0, 5)}-${n.slice(5)}\n`],
  ])('accepts %j', (input) => {
    expect(parseTrackingNumber(input)).toBe(n);
  });

  it('accepts a known-good number', () => {
    expect(parseTrackingNumber(KNOWN)).toBe(KNOWN);
    expect(parseTrackingNumber('1234567890')).toBeNull();
  });

  it.each([
    [''],
    ['   '],
    ['LPR'],
    ['#'],
    [n.slice(0, 9)],
    [n + '0'],
    [`${n}${n}`],
    [`0${n.slice(1, 9)}`],
    [withCheckDigit('012345678')],
    [`${n}x`],
    [`x${n}`],
    [`LPR--${n}`],
    [`LPR#${n}`],
    [`${n.slice(0, 4)}.${n.slice(4)}`],
    [`${n.slice(0, 4)}_${n.slice(4)}`],
    [`-${n}`],
    [`${n}-`],
    ['CEK ' + n],
    ['１２３４５６７８９０'],
    ['hello world'],
  ])('rejects %j', (input) => {
    expect(parseTrackingNumber(input)).toBeNull();
  });

  it('rejects a number whose check digit is wrong', () => {
    const wrong = n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
    expect(parseTrackingNumber(wrong)).toBeNull();
  });
});

describe('findTrackingNumber', () => {
  const n = withCheckDigit('123456789');
  const dashed = `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;

  it.each([
    [`CEK ${dashed}`],
    [`cek ${n}`],
    [`status #${n} dong`],
    [`Mohon info laporan LPR-${n}, terima kasih`],
    [`lpr${n}?`],
    [`nomor saya ${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)} ya`],
    [`12 ${n}`],
    [`ada 3 laporan, yang ${n} belum dijawab`],
    [`${n}\nkapan diproses?`],
  ])('finds the number in %j', (text) => {
    expect(findTrackingNumber(text)).toBe(n);
  });

  it('returns the first valid number when there are several', () => {
    const other = withCheckDigit('555555555');
    expect(findTrackingNumber(`cek ${other} dan ${n}`)).toBe(other);
  });

  it('skips invalid candidates before a valid one', () => {
    const typo = n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
    expect(findTrackingNumber(`cek ${typo} eh salah, ${n}`)).toBe(n);
  });

  it.each([
    [''],
    ['jalan rusak di depan rumah'],
    [`CEK ${n.slice(0, 9)}`],
    // Inside a 16-digit NIK or a phone number, never a match even if some 10 digits would verify.
    [`NIK saya 3171${n}12`],
    [`hubungi 08${n}`],
    [`${n}5`],
    // Digits on separate lines or separated by punctuation belong to different things.
    [`${n.slice(0, 5)}\n${n.slice(5)}`],
    [`${n.slice(0, 5)}, ${n.slice(5)}`],
    [`${n.slice(0, 5)}/${n.slice(5)}`],
  ])('finds nothing in %j', (text) => {
    expect(findTrackingNumber(text)).toBeNull();
  });
});
