import type { SqlClient } from './sqlClient';

export interface Migration {
  version: number;
  name: string;
  /** One statement per entry: PGlite's prepared statements take one command at a time. */
  statements: string[];
}

/**
 * Append only: a released migration is never edited, a change is a new version. The status and
 * state lists are written out here rather than imported so that editing the code cannot silently
 * change what an old migration meant.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inbox, tickets, history, replies',
    statements: [
      `CREATE TABLE inbox (
        key text PRIMARY KEY,
        channel text NOT NULL,
        external_id text NOT NULL,
        sender jsonb NOT NULL,
        text text NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
        fields jsonb,
        received_at timestamptz NOT NULL,
        raw jsonb NOT NULL,
        fingerprint text NOT NULL,
        tracking_id text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('received', 'processed', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        decision jsonb,
        ticket_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (channel, external_id)
      )`,
      `CREATE INDEX inbox_state_updated_idx ON inbox (state, updated_at)`,
      `CREATE INDEX inbox_ticket_idx ON inbox (ticket_id, received_at) WHERE ticket_id IS NOT NULL`,
      `CREATE TABLE tickets (
        tracking_id text PRIMARY KEY,
        source_key text NOT NULL UNIQUE,
        channel text NOT NULL,
        reporter jsonb NOT NULL,
        title text NOT NULL,
        text text NOT NULL,
        category text NOT NULL,
        location text,
        occurred_at timestamptz,
        privacy text NOT NULL CHECK (privacy IN ('public', 'anonim', 'rahasia')),
        language text NOT NULL CHECK (language IN ('id', 'en')),
        status text NOT NULL CHECK (status IN ('belum_terverifikasi', 'terverifikasi', 'diteruskan',
          'ditindaklanjuti', 'selesai', 'tunda', 'bukan_wewenang', 'diarsipkan')),
        verify_due_at timestamptz NOT NULL,
        follow_up_due_at timestamptz,
        auto_close_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX tickets_status_idx ON tickets (status, created_at DESC)`,
      `CREATE INDEX tickets_category_idx ON tickets (category, created_at DESC)`,
      `CREATE INDEX tickets_channel_idx ON tickets (channel, created_at DESC)`,
      `CREATE INDEX tickets_created_idx ON tickets (created_at DESC, tracking_id)`,
      `CREATE INDEX tickets_auto_close_idx ON tickets (auto_close_at) WHERE auto_close_at IS NOT NULL`,
      `CREATE TABLE ticket_history (
        id bigserial PRIMARY KEY,
        tracking_id text NOT NULL REFERENCES tickets (tracking_id),
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        note text,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX ticket_history_ticket_idx ON ticket_history (tracking_id, id)`,
      `CREATE TABLE replies (
        id text PRIMARY KEY,
        tracking_id text,
        message_key text,
        channel text NOT NULL,
        recipient jsonb NOT NULL,
        text text NOT NULL,
        language text NOT NULL CHECK (language IN ('id', 'en')),
        event text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
        provider_id text,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX replies_ticket_idx ON replies (tracking_id, created_at) WHERE tracking_id IS NOT NULL`,
      `CREATE INDEX replies_queued_idx ON replies (updated_at) WHERE status = 'queued'`,
    ],
  },
  {
    version: 2,
    name: 'routing fields, cases, message flags, review items, operators, audit log, reply receipts',
    statements: [
      `ALTER TABLE inbox ADD COLUMN flags jsonb NOT NULL DEFAULT '[]'::jsonb`,
      `ALTER TABLE tickets ADD COLUMN agency text`,
      `ALTER TABLE tickets ADD COLUMN region_code text`,
      `ALTER TABLE tickets ADD COLUMN case_id text`,
      `ALTER TABLE tickets ADD COLUMN duplicate_of text`,
      `CREATE INDEX tickets_agency_idx ON tickets (agency, created_at DESC) WHERE agency IS NOT NULL`,
      // text_pattern_ops so a region prefix ("32.73") is an index range scan.
      `CREATE INDEX tickets_region_idx ON tickets (region_code text_pattern_ops) WHERE region_code IS NOT NULL`,
      `CREATE INDEX tickets_case_idx ON tickets (case_id) WHERE case_id IS NOT NULL`,
      `CREATE INDEX tickets_reporter_id_idx ON tickets ((reporter->>'id'), created_at DESC)`,
      `CREATE INDEX tickets_reporter_phone_idx ON tickets ((reporter->>'phone'), created_at DESC) WHERE reporter ? 'phone'`,
      `CREATE INDEX tickets_reporter_handle_idx ON tickets ((reporter->>'handle'), created_at DESC) WHERE reporter ? 'handle'`,
      `CREATE INDEX replies_status_idx ON replies (status, created_at DESC)`,
      `CREATE TABLE review_items (
        id text PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('low_confidence', 'unknown_location', 'unroutable',
          'possible_duplicate', 'incomplete_sms', 'possible_spam', 'reply_impossible', 'flood')),
        channel text NOT NULL,
        message_key text,
        tracking_id text,
        suggestion jsonb NOT NULL,
        reasons jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'resolved')),
        resolution text,
        resolved_by text,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX review_open_idx ON review_items (state, created_at, id)`,
      `CREATE INDEX review_ticket_idx ON review_items (tracking_id) WHERE tracking_id IS NOT NULL`,
      `CREATE TABLE operators (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('verifier', 'liaison', 'supervisor', 'admin')),
        agency text,
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX audit_target_idx ON audit_log (target, id DESC)`,
      `CREATE INDEX audit_actor_idx ON audit_log (actor, id DESC)`,
    ],
  },
  {
    version: 3,
    name: 'review reason parse_budget',
    statements: [
      `ALTER TABLE review_items DROP CONSTRAINT review_items_reason_check`,
      `ALTER TABLE review_items ADD CONSTRAINT review_items_reason_check CHECK (reason IN ('low_confidence', 'unknown_location',
        'unroutable', 'possible_duplicate', 'incomplete_sms', 'possible_spam', 'reply_impossible', 'flood', 'parse_budget'))`,
    ],
  },
  {
    version: 4,
    name: 'ticket history records the agency',
    statements: [
      `ALTER TABLE ticket_history ADD COLUMN agency text`,
      // Older entries never knew; the ticket's agency now is the best guess and what they were read with.
      `UPDATE ticket_history h SET agency = t.agency FROM tickets t WHERE t.tracking_id = h.tracking_id`,
    ],
  },
];

// Any constant works as long as nothing else in the database uses it: "LAPOR" in ASCII.
const MIGRATION_LOCK_KEY = 0x4c41504f52;

/**
 * Applies the migrations not yet recorded in schema_migrations, all in one transaction. The
 * advisory lock makes a second process starting at the same moment wait, then find nothing to do.
 * Returns the versions it applied.
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
