import { recoverLostJobs } from '../src/intake/recovery';
import type { Logger } from '../src/log/logger';
import type { Queues } from '../src/queue/queues';
import type { Store } from '../src/store/types';
import type { TicketStatusService } from '../src/tickets/statusChange';

export interface MaintenanceSettings {
  intervalMs: number;
  graceMs: number;
}

export interface Maintenance {
  /** One pass now (also used at start, so a restart heals what the last crash left). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** Periodic housekeeping: recover lost jobs, close tickets whose follow-up went unanswered. */
export function startMaintenance(
  deps: { store: Store; queues: Queues; statuses: TicketStatusService; log: Logger; now: () => Date },
  settings: MaintenanceSettings,
): Maintenance {
  let running: Promise<void> | null = null;
  const pass = async () => {
    try {
      await recoverLostJobs(deps.store, deps.queues, deps.log, deps.now(), settings.graceMs);
      const closed = await deps.statuses.closeUnanswered(deps.now());
      if (closed > 0) deps.log.info({ closed }, 'closed tickets whose follow-up went unanswered');
    } catch (error) {
      deps.log.warn({ err: error }, 'maintenance pass failed; will retry');
    }
  };
  const runOnce = () => {
    running ??= pass().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void runOnce(), settings.intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
