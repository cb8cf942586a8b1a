import { hashPassword, verifyPassword } from './password';

describe('operator password hashes', () => {
  test('a hash verifies its own password only, and salts differ', async () => {
    const a = await hashPassword('kata sandi panjang 1');
    const b = await hashPassword('kata sandi panjang 1');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('kata sandi panjang 1', a)).toBe(true);
    expect(await verifyPassword('kata sandi panjang 2', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  test('malformed or tampered hashes never verify and never run an unbounded cost', async () => {
    const good = await hashPassword('rahasia-sekali-1');
    const parts = good.split('$');
    for (const bad of ['', 'plain', 'bcrypt$x', good.replace('scrypt', 'Scrypt'), [parts[0], String(1 << 24), ...parts.slice(2)].join('$'), [parts[0], '1000', ...parts.slice(2)].join('$'), good.slice(0, -4)]) {
      expect(await verifyPassword('rahasia-sekali-1', bad)).toBe(false);
    }
  });
});
