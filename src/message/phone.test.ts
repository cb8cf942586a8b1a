import fc from 'fast-check';
import { isIndonesianMobile, normalizeIndonesianPhone } from './phone';

describe('normalizeIndonesianPhone', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['006281234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['0812.3456.7890', '+6281234567890'],
    ['(0812) 3456-7890', '+6281234567890'],
    ['+62 (0)812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['  +62-812-3456-7890  ', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['0812345678', '+62812345678'],
    ['0812345678901', '+62812345678901'],
    ['0881234567890', '+62881234567890'],
    ['08951234567', '+628951234567'],
  ])('recognises the mobile number %j as %s', (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  it('gives the same number for every spelling of one citizen', () => {
    const spellings = ['0813-1111-2222', '6281311112222', '+62 813 1111 2222', '0062 813 1111 2222', '8131111 2222'];
    expect(new Set(spellings.map(normalizeIndonesianPhone))).toEqual(new Set(['+6281311112222']));
  });

  it.each([
    ['021-5551234', '+62215551234'],
    ['(022) 8765 4321', '+622287654321'],
    ['+62 61 4567890', '+62614567890'],
  ])('recognises the landline %j as %s', (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  it.each([
    ['+44 7700 900123', '+447700900123'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+65 9123 4567', '+6591234567'],
  ])('keeps the foreign E.164 number %j as %s', (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['1708', 'a short code'],
    ['TELKOMSEL', 'an alphanumeric sender'],
    ['0812-3456-789a', 'letters'],
    ['08123456', 'a mobile number too short (NSN 7 digits)'],
    ['08123456789012', 'a mobile number too long (NSN 13 digits)'],
    ['0841234567', 'an unassigned 84x prefix'],
    ['0800123456', 'a toll-free number'],
    ['0809123456', 'a premium number'],
    ['+62 21', 'a bare area code'],
    ['00441234567890', '00 with a foreign country code'],
    ['+0123456789', 'a + number starting with 0'],
    ['+1234567890123456', 'more than 15 digits'],
    ['+123456', 'fewer than 7 digits'],
    ['++6281234567890', 'two pluses'],
    ['0812/3456/7890', 'slashes'],
    ['6591234567', 'a foreign number without +'],
  ])('rejects %j (%s)', (input, _why) => {
    expect(normalizeIndonesianPhone(input)).toBeNull();
  });

  it('is idempotent and returns only +digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(\+62|62|0|0062)?8[1-35-9][\d \-.]{6,14}$/)), (input) => {
        const once = normalizeIndonesianPhone(input);
        if (once === null) return;
        expect(once).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(normalizeIndonesianPhone(once)).toBe(once);
      }),
    );
  });

  it('recognises any valid mobile number in all four national and international spellings', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^8[1-35-9]\d{7,10}$/), (nsn) => {
        const e164 = `+62${nsn}`;
        for (const spelling of [`0${nsn}`, `62${nsn}`, e164, `0062${nsn}`]) {
          expect(normalizeIndonesianPhone(spelling)).toBe(e164);
        }
        expect(isIndonesianMobile(e164)).toBe(true);
      }),
    );
  });
});

describe('isIndonesianMobile', () => {
  it('tells mobiles from landlines and foreign numbers', () => {
    expect(isIndonesianMobile('+6281234567890')).toBe(true);
    expect(isIndonesianMobile('+62215551234')).toBe(false);
    expect(isIndonesianMobile('+447700900123')).toBe(false);
  });
});
