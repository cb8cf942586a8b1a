import type { Logger } from '../../../src/log/logger';
import type { MultipartStore } from './multipartStore';
import type { MoReceiver } from './moReceiver';

const BATCH = 50;

/**
 * Takes in concatenated messages whose parts stopped coming: after SMS_MULTIPART_TIMEOUT_SECONDS a
 * set is accepted with what arrived and flagged incomplete (operators review it). Also finishes
 * complete sets whose taker failed to. Runs wherever the SMS channel runs; sets are leased
 * atomically in Redis, so several processes sweep without taking one set twice.
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
    try {
      const due = await this.parts.claimDue(this.now().getTime(), BATCH);
      for (const setId of due) {
        const set = await this.parts.close(setId);
        if (!set) continue;
        await this.receiver.acceptSet(set);
        await this.parts.finish(setId);
        this.log.info({ setId, received: set.parts.length, total: set.meta.total, complete: set.complete }, 'concatenated SMS taken in after its timeout');
      }
    } catch (error) {
      // The lease runs out and the next sweep (here or in another process) tries again.
      this.log.warn({ err: error }, 'multipart sweep failed; will retry');
    }
  }
}
