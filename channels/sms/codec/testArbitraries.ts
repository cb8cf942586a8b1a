import fc from 'fast-check';
import { GSM_EXTENSION_CHARS, decodeGsm } from './gsm0338';

/** Every character of the GSM basic table (the escape excluded) and the extension table. */
export const GSM_CHARS: readonly string[] = [
  ...Array.from({ length: 128 }, (_, i) => i)
    .filter((i) => i !== 0x1b)
    .map((i) => decodeGsm(Buffer.from([i]))),
  ...GSM_EXTENSION_CHARS,
];

/** Text made only of GSM 03.38 characters, extension characters over-represented. */
export function gsmText(maxLength = 400): fc.Arbitrary<string> {
  const ch = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...GSM_CHARS) },
    { weight: 1, arbitrary: fc.constantFrom(...GSM_EXTENSION_CHARS) },
  );
  return fc.array(ch, { maxLength }).map((chars) => chars.join(''));
}

/** Any text: GSM, Latin, emoji and other astral characters, mixed. */
export function anyText(maxLength = 400): fc.Arbitrary<string> {
  return fc.oneof(
    gsmText(maxLength),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc
      .array(fc.oneof(fc.constantFrom(...GSM_CHARS), fc.constantFrom('😀', '🇮🇩', '👍🏽', 'é', 'ç', '’', '中')), { maxLength })
      .map((chars) => chars.join('')),
  );
}
