import type { ReporterVault } from '../privacy/reporterVault';
import type { InboxRecord, NewInboxRecord, NewTicket } from './types';

/*
 * Which stored copies of a rahasia reporter's identity are sealed (every adapter calls these before
 * writing, so no adapter can forget one):
 * - the ticket's reporter, whenever the ticket is rahasia;
 * - the inbox record's sender and its whole raw channel payload, when the message says rahasia at
 *   intake (fields.privacy: the web form, the app, and #rahasia by SMS, X or Instagram). Every rahasia ticket
 *   is made from such a message, so the ticket and the replies to it inherit the sealed sender;
 * - reply recipients: stored as given, which for a rahasia ticket is that sealed sender (the
 *   acknowledgement answers the sealed inbox sender, status changes the sealed ticket reporter);
 * - the inbox fingerprint (a sha256 over sender and text) of a rahasia message is stored keyed
 *   (HMAC), or a database copy could confirm a guessed phone number against it.
 * Left in clear, on purpose: the complaint text and title (the rahasia text is another asset, and
 * operators search it). Outside the store: dedup keeps sender identities in Redis for its windows.
 */

/** The record as stored: sender, raw payload and fingerprint sealed when the citizen asked for rahasia. */
export function sealInboxRecord(record: NewInboxRecord, vault: ReporterVault): NewInboxRecord {
  if (record.fields?.privacy !== 'rahasia') return record;
  return { ...record, sender: vault.seal(record.sender), raw: vault.sealRaw(record.raw), fingerprint: vault.keyFingerprint(record.fingerprint) };
}

/**
 * The stored record an insert met (same channel + external id), with the caller's plain
 * fingerprint in place of the keyed one when the content is the same: intake compares the two to
 * tell a retry from a reused id.
 */
export function asFoundByInsert(existing: InboxRecord, given: NewInboxRecord, vault: ReporterVault): InboxRecord {
  return vault.fingerprintMatches(existing.fingerprint, given.fingerprint) ? { ...existing, fingerprint: given.fingerprint } : existing;
}

/** The ticket as stored: the reporter of a rahasia ticket sealed (a sender sealed at intake stays as it is). */
export function sealTicket(ticket: NewTicket, vault: ReporterVault): NewTicket {
  if (ticket.privacy !== 'rahasia') return ticket;
  return { ...ticket, reporter: vault.seal(ticket.reporter) };
}
