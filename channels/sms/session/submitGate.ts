/**
 * Admission for submit_sm: at most `window` PDUs awaiting their response, at most `tps` sent per
 * second (token bucket, burst of one second's worth), first come first served. A PDU the SMSC
 * throttled goes back to the front, so retries keep the order replies were queued in.
 */
export class SubmitGate {
  private readonly waiters: { resolve: (release: () => void) => void; reject: (e: Error) => void }[] = [];
  private outstanding = 0;
  private tokens: number;
  private lastRefill = Date.now();
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly window: number,
    private readonly tps: number,
  ) {
    this.tokens = Math.max(1, tps);
  }

  /** Resolves with a release function once this PDU may be sent; call release when its response arrived. */
  acquire(front = false): Promise<() => void> {
    if (this.closed) return Promise.reject(new Error('submit gate closed'));
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      if (front) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Holds every submit for `ms` (the SMSC said ESME_RTHROTTLED or ESME_RMSGQFUL). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.tokens = 0;
  }

  get inFlight(): number {
    return this.outstanding;
  }

  get queued(): number {
    return this.waiters.length;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.waiters.splice(0)) w.reject(new Error('submit gate closed'));
  }

  private refill(now: number): void {
    const capacity = Math.max(1, this.tps);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.lastRefill) / 1000) * this.tps);
    this.lastRefill = now;
  }

  private pump(): void {
    if (this.timer) return;
    const now = Date.now();
    this.refill(now);
    while (this.waiters.length > 0 && this.outstanding < this.window && now >= this.pausedUntil && this.tokens >= 1) {
      const waiter = this.waiters.shift();
      if (!waiter) break;
      this.tokens -= 1;
      this.outstanding += 1;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.outstanding -= 1;
        this.pump();
      });
    }
    if (this.waiters.length === 0 || this.outstanding >= this.window) return;
    // Waiting on time (pause or tokens), not on a response: come back when it has passed.
    const waitMs = Math.max(this.pausedUntil - now, ((1 - this.tokens) / this.tps) * 1000, 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.ceil(waitMs));
    this.timer.unref();
  }
}
