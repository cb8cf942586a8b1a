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
 * Whether `user` may open `ticket`. A liaison sees their agency's tickets once forwarded, and
 * keeps seeing one they handed back as bukan_wewenang (`wasForwarded` from its history).
 */
export function canOpenTicket(user: User, ticket: Ticket, wasForwarded: boolean): boolean {
  if (user.role !== 'liaison') return true;
  if (user.agency === null || ticket.agency !== user.agency) return false;
  return FORWARDED_STATUSES.includes(ticket.status) || wasForwarded;
}

/** Narrows a ticket search to what the user may see. */
export function scopeFilter(user: User, filter: TicketFilter): TicketFilter {
  if (user.role !== 'liaison') return filter;
  const statuses = filter.status !== undefined ? FORWARDED_STATUSES.filter((s) => s === filter.status) : [...FORWARDED_STATUSES];
  // A liaison with no agency sees nothing rather than everything.
  const { status: _status, reporter: _reporter, ...rest } = filter;
  return { ...rest, agency: user.agency ?? '\u0000none', statuses };
}

/**
 * Reporter identity (name, phone, email, handle). Anonim: hidden from the agency, as LAPOR!
 * promises; rahasia: also hidden from the agency (the integration API does the same). The
 * complaint office sees both, because verifying and asking for more information needs it.
 */
export function canSeeReporter(user: User, ticket: Ticket): boolean {
  return ticket.privacy === 'public' || user.role !== 'liaison';
}

/** Liaisons may not search by reporter: it would reveal who sent an anonymous report. */
export function canSearchReporter(user: User): boolean {
  return user.role !== 'liaison';
}
