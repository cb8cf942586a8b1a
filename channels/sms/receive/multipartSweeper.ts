import type { Logger } from '../../../src/log/logger';
import type { MultipartStore } from './multipartStore';
import type { MoReceiver } from './moReceiver';

/** Sets leased per Redis round trip; a pass keeps leasing batches until nothing is due. */
const BATCH = 50;

/**
 * Takes in concatenated messages whose parts stopped coming: after SMS_MULTIPART_TIMEOUT_SECONDS a
 * set is accepted with what arrived and flagged incomplete (operators review it). Also finishes
 * complete sets whose taker failed to. Runs wherever the SMS channel runs; sets are leased
 * atomically in Redis, so several processes sweep without taking one set twice. One pass drains
 * everything due, however much an outage or a flood left behind; it stops at the first failure
 * (Redis or the store down) and the leases it held run out for the next pass to retry.
 */
export class MultipartSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly parts: MultipartStore,
    private readonly receiver: MoReceiver,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  sweepOnce(): Promise<void> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<void> {
    let taken = 0;
    try {
      for (;;) {
        const due = await this.parts.claimDue(this.now().getTime(), BATCH);
        // A batch's sets are independent: taking them in together overlaps their round trips.
        const results = await Promise.allSettled(due.map((setId) => this.receiver.takeIn(setId)));
        const failed = results.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
        for (const r of results) {
          const set = r.status === 'fulfilled' ? r.value : null;
          if (!set) continue;
          taken += 1;
          this.log.debug({ setId: set.id, received: set.parts.length, total: set.meta.total, complete: set.complete }, 'concatenated SMS taken in after its timeout');
        }
        if (due.length < BATCH) break;
      }
      if (taken > 0) this.log.info({ taken }, 'multipart sweep took in timed-out sets');
    } catch (error) {
      // The lease runs out and the next sweep (here or in another process) tries again.
      this.log.warn({ err: error }, 'multipart sweep failed; will retry');
    }
  }
}
