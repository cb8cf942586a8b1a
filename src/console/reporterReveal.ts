import type { Logger } from '../log/logger';
import { ReporterKeyError, type ReporterVault, type StoredSender } from '../privacy/reporterVault';
import type { AuditStore, InboxRecord, Ticket, User } from '../store/types';
import { canSeeReporter, readsForAgency } from './access';
import { actorOf } from './reviewActions';

export interface RevealedPage {
  ticket: Ticket | null;
  messages: InboxRecord[];
}

/**
 * Opens the sealed identity of a rahasia reporter for a console page, only for the roles that may
 * see reporters (access.ts canSeeReporter: the complaint office), and writes every opening to the
 * audit log: who, which ticket, when. Pages for anyone else keep the sealed stand-in, which shows
 * no identity.
 */
export class ReporterReveal {
  constructor(
    private readonly vault: ReporterVault,
    private readonly audit: AuditStore,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async forPage(user: User, ticket: Ticket | null, messages: InboxRecord[], page: string): Promise<RevealedPage> {
    const sealed = (ticket?.reporter.sealed !== undefined ? 1 : 0) + messages.filter((m) => m.sender.sealed !== undefined).length;
    // A rahasia message not yet made a ticket is the office's to verify: the same roles may open it.
    const allowed = ticket ? canSeeReporter(user, ticket) : !readsForAgency(user);
    if (sealed === 0 || !allowed) return { ticket, messages };
    const target = ticket ? `ticket:${ticket.trackingId}` : `message:${messages[0]?.key ?? '-'}`;
    // Recorded before the identity is opened: a page that fails half-way has still been audited.
    await this.audit.record({ actor: actorOf(user), action: 'reporter.reveal', target, before: null, after: { page }, at: this.now() });
    return {
      ticket: ticket ? { ...ticket, reporter: this.open(ticket.reporter, target) } : null,
      messages: messages.map((m) => ({ ...m, sender: this.open(m.sender, target) })),
    };
  }

  private open(sender: StoredSender, target: string): StoredSender {
    try {
      return this.vault.reveal(sender);
    } catch (error) {
      if (!(error instanceof ReporterKeyError)) throw error;
      // The page still opens: the ticket can be worked on while an admin fixes REPORTER_KEY(S_OLD).
      this.log.error({ target, err: error.message }, 'a sealed reporter identity does not open');
      return { id: `${sender.id} (${error.message})` };
    }
  }
}
