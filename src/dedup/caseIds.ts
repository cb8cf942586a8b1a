import { createHmac } from 'node:crypto';

/**
 * The case id given to a ticket that first gets company. Derived from that ticket, so concurrent
 * workers and an operator's "link to case" agree without asking each other; keyed with the
 * server's secret, so the id does not tell an agency reading one ticket of the case the number of
 * another agency's ticket (a plain hash of a 10-digit number is undone by trying them all).
 */
export class CaseIds {
  private readonly key: Buffer;

  /** `secret`: APP_SECRET, shared by every process; its own key is derived so the two uses never meet. */
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('lapor:case-id').digest();
  }

  for(trackingId: string): string {
    return `K-${createHmac('sha256', this.key).update(trackingId).digest('hex').slice(0, 16).toUpperCase()}`;
  }
}
