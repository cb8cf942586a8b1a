import type { DedupDecision, DedupInput, RememberInput } from '../../src/dedup/dedupEngine';

export type { DedupDecision, DedupInput } from '../../src/dedup/dedupEngine';

/**
 * What the inbound worker needs from duplicate detection (src/dedup/DedupEngine implements it).
 * Kept as a port so the worker's decisions read without the index's internals.
 */
export interface Deduplicator {
  /**
   * Runs check → ticket → remember for one sender at a time, so two copies of one message handled
   * by two workers at once cannot both become new tickets.
   */
  withSenderLock<T>(senderIds: string[], fn: () => Promise<T>): Promise<T>;
  check(input: DedupInput): Promise<DedupDecision>;
  /** Records that an indexed ticket joined a case, so later reports about the problem find the case. */
  attachCase(trackingId: string, caseId: string): Promise<void>;
  /** The id a case started by this ticket gets: the same in every worker, and not its number. */
  caseIdFor(trackingId: string): string;
  /** Indexes a ticket just created; idempotent, so a retried job may call it again. */
  remember(input: RememberInput): Promise<void>;
}
