import { openStore } from '../store/openStore';
import type { Store } from '../store/types';
import { verifyPassword } from './password';
import { runUserCommand, UserCommandError, type UserCommandIo } from './userCommand';

describe('npm run user', () => {
  let store: Store;
  const lines: string[] = [];
  const io = (password = 'sandi-admin-123\n'): UserCommandIo => ({
    readPassword: async () => password,
    out: (l) => lines.push(l),
    agencyExists: (id) => id === 'pemkot-32.73',
    now: () => new Date('2026-01-05T02:00:00Z'),
  });

  beforeAll(async () => {
    store = await openStore('memory://', '/nonexistent-unused');
  });
  afterAll(async () => {
    await store?.close();
  });

  test('add creates the first admin with a scrypt hash of the piped password; list shows it', async () => {
    await runUserCommand(['add', '--email', 'Admin@Lapor.go.id', '--role', 'admin', '--name', 'Admin Satu'], store, io());
    const admin = await store.users.getByEmail('admin@lapor.go.id');
    expect(admin).toMatchObject({ role: 'admin', name: 'Admin Satu', agency: null, disabled: false });
    expect(await verifyPassword('sandi-admin-123', admin?.passwordHash ?? '')).toBe(true);
    await runUserCommand(['list'], store, io());
    expect(lines.at(-1)).toBe('admin@lapor.go.id\tadmin\t-\tactive\tAdmin Satu');
  });

  test('refuses bad input and changes nothing', async () => {
    const refused = async (args: string[], password?: string) => expect(runUserCommand(args, store, io(password))).rejects.toThrow(UserCommandError);
    await refused(['add', '--email', 'x@lapor.go.id', '--role', 'boss']);
    await refused(['add', '--email', 'not-an-email', '--role', 'admin']);
    await refused(['add', '--email', 'l@lapor.go.id', '--role', 'liaison']);
    await refused(['add', '--email', 'l@lapor.go.id', '--role', 'liaison', '--agency', 'nope']);
    await refused(['add', '--email', 'short@lapor.go.id', '--role', 'admin'], 'pendek');
    await refused(['add', '--email', 'ADMIN@lapor.go.id', '--role', 'verifier']);
    await refused(['frobnicate']);
    expect((await store.users.list()).map((u) => u.email)).toEqual(['admin@lapor.go.id']);
  });

  test('a liaison with an agency; disable and passwd', async () => {
    await runUserCommand(['add', '--email', 'liaison@pemkot.go.id', '--role', 'liaison', '--agency', 'pemkot-32.73'], store, io());
    await runUserCommand(['disable', '--email', 'liaison@pemkot.go.id'], store, io());
    await runUserCommand(['passwd', '--email', 'liaison@pemkot.go.id'], store, io('sandi-baru-456'));
    const l = await store.users.getByEmail('liaison@pemkot.go.id');
    expect(l).toMatchObject({ agency: 'pemkot-32.73', disabled: true });
    expect(await verifyPassword('sandi-baru-456', l?.passwordHash ?? '')).toBe(true);
  });
});
