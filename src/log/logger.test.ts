import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { maskString } from './mask';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

describe('logs never carry phone numbers or secrets', () => {
  it.each([
    ['+62 812-3456-7890', '***890'],
    ['081234567890', '***890'],
    ['6281234567890', '***890'],
  ])('masks the phone number %s', (phone, masked) => {
    const out = maskString(`pesan dari ${phone} diterima`);
    expect(out).toBe(`pesan dari ${masked} diterima`);
  });

  it('leaves tracking numbers and ordinary numbers alone', () => {
    expect(maskString('tiket 1234567890 dibuat, 42 pesan')).toBe('tiket 1234567890 dibuat, 42 pesan');
  });

  it('masks bearer tokens, passwords in URLs and token parameters', () => {
    const out = maskString('GET /x?token=abc123 Authorization: Bearer s3cr3t redis://user:hunter2@host:6379');
    expect(out).not.toMatch(/abc123|s3cr3t|hunter2/);
  });

  it('masks inside logged objects, keys and messages', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      { sender: { phone: '081234567890', id: '+6281234567890' }, headers: { authorization: 'Bearer abc' }, text: 'hubungi 0812 3456 7890' },
      'message from 081234567890',
    );
    log.error({ err: new Error('failed for +6281234567890') }, 'boom');
    const all = lines.join('\n');
    expect(all).not.toMatch(/1234567890|3456 7890|Bearer abc/);
    expect(all).toContain('***890');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 30, msg: 'message from ***890' });
  });
});
