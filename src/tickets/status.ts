import { z } from 'zod';

/**
 * The ticket lifecycle as LAPOR! runs it. Codes are stable identifiers stored in the database and
 * returned by the APIs; labels are what people read.
 */
export const TICKET_STATUSES = [
  'belum_terverifikasi',
  'terverifikasi',
  'diteruskan',
  'ditindaklanjuti',
  'selesai',
  'tunda',
  'bukan_wewenang',
  'diarsipkan',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TicketStatusSchema = z.enum(TICKET_STATUSES);

export type StatusLanguage = 'id' | 'en';

export const STATUS_LABELS: Record<TicketStatus, { id: string; en: string }> = {
  belum_terverifikasi: { id: 'Belum Terverifikasi', en: 'Received' },
  terverifikasi: { id: 'Terverifikasi', en: 'Verified' },
  diteruskan: { id: 'Diteruskan', en: 'Forwarded to the responsible agency' },
  ditindaklanjuti: { id: 'Ditindaklanjuti', en: 'Being acted on by the agency' },
  selesai: { id: 'Selesai', en: 'Done' },
  tunda: { id: 'Tunda', en: 'On hold: more information needed' },
  bukan_wewenang: { id: 'Bukan Wewenang', en: 'Outside our remit' },
  diarsipkan: { id: 'Diarsipkan', en: 'Archived' },
};

export function statusLabel(s: TicketStatus, lang: StatusLanguage): string {
  return STATUS_LABELS[s][lang];
}

/**
 * Moves an operator or an agency may make. Verification comes before forwarding so agencies only
 * see reports that are complete and in scope. Selesai is not final: when the reporter says the
 * follow-up did not solve the problem the ticket goes back to the agency.
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  belum_terverifikasi: ['terverifikasi', 'tunda', 'bukan_wewenang', 'diarsipkan'],
  tunda: ['terverifikasi', 'bukan_wewenang', 'diarsipkan'],
  terverifikasi: ['diteruskan', 'bukan_wewenang', 'diarsipkan'],
  // The agency may hand a report back as not theirs.
  diteruskan: ['ditindaklanjuti', 'bukan_wewenang'],
  ditindaklanjuti: ['selesai'],
  selesai: ['ditindaklanjuti'],
  bukan_wewenang: [],
  diarsipkan: [],
};

/** Statuses reachable from `from` in one step, in the order a console should offer them. */
export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinal(s: TicketStatus): boolean {
  return TRANSITIONS[s].length === 0;
}

// The citizen is told why their report stopped moving; a bare status would read as being ignored.
const NEEDS_REASON: ReadonlySet<TicketStatus> = new Set<TicketStatus>(['tunda', 'bukan_wewenang', 'diarsipkan']);

/** Whether moving into `to` must carry a note for the reporter. */
export function needsReason(to: TicketStatus): boolean {
  return NEEDS_REASON.has(to);
}
