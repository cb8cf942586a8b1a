import type { OperatorRole, Ticket, TicketFilter, User } from '../store/types';
import { nextStatuses, type TicketStatus } from '../tickets/status';

/**
 * Who may do what, as LAPOR! divides the work: verifiers (the complaint office) work the review
 * queue and forward tickets; a liaison (pejabat penghubung) sees and answers only what was
 * forwarded to their own agency; supervisors also see the dashboard; admins also manage operators
 * and the queues.
 */
export type Area = 'review' | 'tickets' | 'dashboard' | 'users' | 'queues';

const AREAS: Record<OperatorRole, readonly Area[]> = {
  verifier: ['review', 'tickets'],
  liaison: ['tickets'],
  supervisor: ['review', 'tickets', 'dashboard'],
  admin: ['review', 'tickets', 'dashboard', 'users', 'queues'],
};

export function canEnter(role: OperatorRole, area: Area): boolean {
  return AREAS[role].includes(area);
}

/** Where an operator lands after logging in. */
export function homeOf(role: OperatorRole): string {
  return role === 'liaison' ? '/console/tickets' : '/console/review';
}

/** Statuses in which a ticket is with its agency: what a liaison's list shows. */
export const FORWARDED_STATUSES: readonly TicketStatus[] = ['diteruskan', 'ditindaklanjuti', 'selesai'];

// Statuses each role may move a ticket into. Agencies act and close; the office verifies,
// forwards, holds, rejects and archives; supervisors and admins may correct anything the
// lifecycle allows.
const MOVES: Record<OperatorRole, readonly TicketStatus[]> = {
  verifier: ['terverifikasi', 'diteruskan', 'tunda', 'bukan_wewenang', 'diarsipkan'],
  liaison: ['ditindaklanjuti', 'selesai', 'bukan_wewenang'],
  supervisor: ['terverifikasi', 'diteruskan', 'ditindaklanjuti', 'selesai', 'tunda', 'bukan_wewenang', 'diarsipkan'],
  admin: ['terverifikasi', 'diteruskan', 'ditindaklanjuti', 'selesai', 'tunda', 'bukan_wewenang', 'diarsipkan'],
};

/** The statuses `user` may move `ticket` into now, in the lifecycle's order. */
export function movesFor(user: User, ticket: Ticket): TicketStatus[] {
  // An agency acts on what was forwarded to it, never on a report still being verified.
  if (user.role === 'liaison' && (ticket.agency !== user.agency || !FORWARDED_STATUSES.includes(ticket.status))) return [];
  return nextStatuses(ticket.status).filter((s) => MOVES[user.role].includes(s));
}

/**
 * Whose tickets a reader sees: '*' for every ticket (the complaint office, and the national
 * office's API token), otherwise those forwarded to these agencies (a liaison's own agency, or the
 * agencies of an agency system's API token).
 */
export type TicketScope = '*' | readonly string[];

/** An operator's scope: a liaison with no agency sees nothing rather than everything. */
export function scopeOf(user: Pick<User, 'role' | 'agency'>): TicketScope {
  if (user.role !== 'liaison') return '*';
  return user.agency === null ? [] : [user.agency];
}

/**
 * Whether a reader with `scope` may open `ticket`. An agency sees its tickets once forwarded, and
 * keeps seeing one it handed back as bukan_wewenang (`wasForwarded` from its history).
 */
export function canOpenTicket(scope: TicketScope, ticket: Ticket, wasForwarded: boolean): boolean {
  if (scope === '*') return true;
  if (ticket.agency === null || !scope.includes(ticket.agency)) return false;
  return FORWARDED_STATUSES.includes(ticket.status) || wasForwarded;
}

/** Narrows a ticket search to what a reader with `scope` may see. */
export function scopeFilter(scope: TicketScope, filter: TicketFilter): TicketFilter {
  if (scope === '*') return filter;
  const statuses = filter.status !== undefined ? FORWARDED_STATUSES.filter((s) => s === filter.status) : [...FORWARDED_STATUSES];
  // A search by reporter would reveal who sent an anonymous report.
  const { status: _status, reporter: _reporter, ...rest } = filter;
  return { ...rest, agencies: [...scope], statuses };
}

/** Who reads a ticket's reporter: an operator by role, or an agency system through its API token. */
export type ReaderRole = OperatorRole | 'api';

/**
 * Reporter identity (name, phone, email, handle). Anonim: hidden from the agency, as LAPOR!
 * promises; rahasia: also hidden from the agency. The complaint office's operators see both,
 * because verifying and asking for more information needs it. No API token sees either, the
 * national office's `*` included: a system's bulk reads are not a person verifying a report.
 */
export function canSeeReporter(reader: { role: ReaderRole }, ticket: Ticket): boolean {
  return ticket.privacy === 'public' || (reader.role !== 'liaison' && reader.role !== 'api');
}

/** Liaisons may not search by reporter: it would reveal who sent an anonymous report. */
export function canSearchReporter(user: User): boolean {
  return user.role !== 'liaison';
}
