import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DuplicateUserError, OPERATOR_ROLES, type Store, type User } from '../store/types';
import { MIN_PASSWORD_LENGTH, hashPassword } from './password';

export const USER_USAGE = `usage: npm run -s user -- <command>
  add --email <email> --role verifier|liaison|supervisor|admin [--agency <id>] [--name <name>]
  list
  disable --email <email>
  enable --email <email>
  passwd --email <email>
The password for add and passwd is read from stdin when piped, otherwise asked for without echo.`;

export class UserCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserCommandError';
  }
}

const Email = z.email().max(254).transform((s) => s.toLowerCase());
const Add = z
  .object({
    email: Email,
    role: z.enum(OPERATOR_ROLES),
    agency: z.string().trim().min(1).max(120).optional(),
    name: z.string().trim().min(1).max(120).optional(),
  })
  .refine((a) => a.role !== 'liaison' || a.agency !== undefined, { message: 'a liaison needs --agency' });

export interface UserCommandIo {
  /** The new password: piped stdin or a prompt. */
  readPassword(): Promise<string>;
  out(line: string): void;
  /** Known agency ids, to refuse a liaison's typo. */
  agencyExists(id: string): boolean;
  now(): Date;
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserCommandError(parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; '));
  return parsed.data;
}

async function newPassword(io: UserCommandIo): Promise<string> {
  const password = (await io.readPassword()).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserCommandError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

async function byEmail(store: Store, email: unknown): Promise<User> {
  const user = await store.users.getByEmail(check(Email, email));
  if (!user) throw new UserCommandError('no operator with this email');
  return user;
}

/** `npm run -s user -- …`: creates the first admin and manages operators from a shell. */
export async function runUserCommand(args: string[], store: Store, io: UserCommandIo): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, agency: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UserCommandError(`unexpected arguments: ${extra.join(' ')}`);
  const actor = 'cli:user';
  switch (command) {
    case 'add': {
      const a = check(Add, values);
      if (a.agency !== undefined && !io.agencyExists(a.agency)) throw new UserCommandError(`unknown agency: ${a.agency}`);
      const passwordHash = await hashPassword(await newPassword(io));
      try {
        const user = await store.users.create({
          id: randomUUID(),
          email: a.email,
          name: a.name ?? a.email,
          role: a.role,
          agency: a.role === 'liaison' ? (a.agency ?? null) : null,
          passwordHash,
          createdAt: io.now(),
        });
        await store.audit.record({ actor, action: 'user.create', target: `user:${user.id}`, before: null, after: { email: user.email, role: user.role, agency: user.agency }, at: io.now() });
        io.out(`added ${user.email} (${user.role}${user.agency ? `, ${user.agency}` : ''})`);
      } catch (error) {
        if (error instanceof DuplicateUserError) throw new UserCommandError('an operator with this email exists');
        throw error;
      }
      return;
    }
    case 'list':
      for (const u of await store.users.list()) io.out([u.email, u.role, u.agency ?? '-', u.disabled ? 'disabled' : 'active', u.name].join('\t'));
      return;
    case 'disable':
    case 'enable': {
      const user = await byEmail(store, values.email);
      await store.users.update(user.id, { disabled: command === 'disable' }, io.now());
      await store.audit.record({ actor, action: `user.${command}`, target: `user:${user.id}`, before: { disabled: user.disabled }, after: { disabled: command === 'disable' }, at: io.now() });
      io.out(`${command}d ${user.email}`);
      return;
    }
    case 'passwd': {
      const user = await byEmail(store, values.email);
      await store.users.update(user.id, { passwordHash: await hashPassword(await newPassword(io)) }, io.now());
      await store.audit.record({ actor, action: 'user.password', target: `user:${user.id}`, before: null, after: null, at: io.now() });
      io.out(`password set for ${user.email}`);
      return;
    }
    default:
      throw new UserCommandError(command === undefined ? 'no command given' : `unknown command: ${command}`);
  }
}
