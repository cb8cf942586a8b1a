import { encodeGsm } from '../codec/gsm0338';
import { assembleText } from './assemble';

const gsm = (seq: number, text: string) => ({ seq, dataCoding: 0, body: encodeGsm(text) });

describe('assembleText', () => {
  it('joins parts in order, decoding an escape split across two parts', () => {
    const euro = encodeGsm('€');
    const parts = [
      { seq: 2, dataCoding: 0, body: Buffer.concat([euro.subarray(1), encodeGsm('5')]) },
      { seq: 1, dataCoding: 0, body: Buffer.concat([encodeGsm('harga '), euro.subarray(0, 1)]) },
    ];
    expect(assembleText(parts, 2)).toBe('harga €5');
  });

  it('marks each missing stretch once: at the start, inside and at the end', () => {
    expect(assembleText([gsm(2, 'b'), gsm(4, 'd')], 5)).toBe('[...] b [...] d [...]');
    expect(assembleText([gsm(1, 'a'), gsm(2, 'b')], 3)).toBe('ab [...]');
  });
});
