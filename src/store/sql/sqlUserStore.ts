import { DuplicateUserError, type NewUser, type User, type UserPatch, type UserStore } from '../types';
import type { SqlClient } from './sqlClient';
import { userFromRow, type OperatorRow } from './sqlRows';

function isEmailClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && /email/.test(e.constraint ?? e.message ?? '');
}

export class SqlUserStore implements UserStore {
  constructor(private readonly db: SqlClient) {}

  async create(user: NewUser): Promise<User> {
    const email = user.email.toLowerCase();
    const rows = await this.db
      .query<OperatorRow>(
        `INSERT INTO operators (id, email, name, role, agency, password_hash, disabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, false, $7, $7) RETURNING *`,
        [user.id, email, user.name, user.role, user.agency, user.passwordHash, user.createdAt],
      )
      .catch((error: unknown) => {
        if (isEmailClash(error)) throw new DuplicateUserError(email);
        throw error;
      });
    const row = rows[0];
    if (!row) throw new Error(`operator ${user.id} was not stored`);
    return userFromRow(row);
  }

  async get(id: string): Promise<User | null> {
    const rows = await this.db.query<OperatorRow>('SELECT * FROM operators WHERE id = $1', [id]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async getByEmail(email: string): Promise<User | null> {
    const rows = await this.db.query<OperatorRow>('SELECT * FROM operators WHERE email = $1', [email.toLowerCase()]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.query<OperatorRow>('SELECT * FROM operators ORDER BY email');
    return rows.map(userFromRow);
  }

  async update(id: string, patch: UserPatch, at: Date): Promise<User | null> {
    const params: unknown[] = [id, at];
    const sets = ['updated_at = $2'];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.role !== undefined) set('role', patch.role);
    if (patch.agency !== undefined) set('agency', patch.agency);
    if (patch.passwordHash !== undefined) set('password_hash', patch.passwordHash);
    if (patch.disabled !== undefined) set('disabled', patch.disabled);
    const rows = await this.db.query<OperatorRow>(`UPDATE operators SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
    return rows[0] ? userFromRow(rows[0]) : null;
  }
}
