import type { OperatorRole, StatusChange, Ticket, TicketFilter, User } from '../store/types';
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
 * Whether a reader with `scope` may open `ticket`, given its `history`. An agency sees a ticket
 * while it is with that agency (forwarded, or re-routed there by the office while forwarded: what
 * its list shows too). Handed back as bukan_wewenang, the ticket stays readable to the agency that
 * handed it back, as its history recorded it, and to no other: routing it elsewhere afterwards
 * does not forward it there, since bukan_wewenang is final.
 */
export function canOpenTicket(scope: TicketScope, ticket: Ticket, history: readonly StatusChange[]): boolean {
  if (scope === '*') return true;
  if (FORWARDED_STATUSES.includes(ticket.status)) return ticket.agency !== null && scope.includes(ticket.agency);
  const handedBack = history.find((h) => h.to === 'bukan_wewenang' && h.from !== null && FORWARDED_STATUSES.includes(h.from));
  return handedBack?.agency != null && scope.includes(handedBack.agency);
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

/** An agency's reader (a liaison, or an agency system's API token) rather than the complaint office. */
export function readsForAgency(reader: { role: ReaderRole }): boolean {
  return reader.role === 'liaison' || reader.role === 'api';
}

/**
 * Reporter identity (name, phone, email, handle). Anonim: hidden from the agency, as LAPOR!
 * promises; rahasia: also hidden from the agency. The complaint office's operators see both,
 * because verifying and asking for more information needs it. No API token sees either, the
 * national office's `*` included: a system's bulk reads are not a person verifying a report.
 */
export function canSeeReporter(reader: { role: ReaderRole }, ticket: Ticket): boolean {
  return ticket.privacy === 'public' || !readsForAgency(reader);
}

/**
 * The history as `reader` may see it. Agencies (liaisons and API tokens) read who acted as a
 * kind ("operator", "system:sla"), never an operator's email: a name of another office's staff is
 * not theirs to collect.
 */
export function historyFor(reader: { role: ReaderRole }, history: readonly StatusChange[]): StatusChange[] {
  if (!readsForAgency(reader)) return [...history];
  return history.map((h) => (h.actor.startsWith('operator:') ? { ...h, actor: 'operator' } : h));
}

/** Liaisons may not search by reporter: it would reveal who sent an anonymous report. */
export function canSearchReporter(user: User): boolean {
  return user.role !== 'liaison';
}
