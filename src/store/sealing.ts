import type { ReporterVault } from '../privacy/reporterVault';
import type { NewInboxRecord, NewTicket } from './types';

/*
 * Which stored copies of a rahasia reporter's identity are sealed (every adapter calls these before
 * writing, so no adapter can forget one):
 * - the ticket's reporter, whenever the ticket is rahasia;
 * - the inbox record's sender and its whole raw channel payload, when the message says rahasia at
 *   intake (fields.privacy: the web form, the app, Instagram and X #rahasia). Every rahasia ticket
 *   is made from such a message, so the ticket and the replies to it inherit the sealed sender;
 * - reply recipients: stored as given, which for a rahasia ticket is that sealed sender (the
 *   acknowledgement answers the sealed inbox sender, status changes the sealed ticket reporter).
 * Left in clear, on purpose: the complaint text and title (the rahasia text is another asset, and
 * operators search it), and the inbox fingerprint, a sha256 over sender and text that detects a
 * reused external id. Outside the store: dedup keeps sender identities in Redis for its windows.
 */

/** The record as stored: sender and raw payload sealed when the citizen asked for rahasia. */
export function sealInboxRecord(record: NewInboxRecord, vault: ReporterVault): NewInboxRecord {
  if (record.fields?.privacy !== 'rahasia') return record;
  return { ...record, sender: vault.seal(record.sender), raw: vault.sealRaw(record.raw) };
}

/** The ticket as stored: the reporter of a rahasia ticket sealed (a sender sealed at intake stays as it is). */
export function sealTicket(ticket: NewTicket, vault: ReporterVault): NewTicket {
  if (ticket.privacy !== 'rahasia') return ticket;
  return { ...ticket, reporter: vault.seal(ticket.reporter) };
}
