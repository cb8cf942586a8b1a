/**
 * What /readyz shows for X. The credentials are the one thing an operator must fix by hand (a
 * revoked token, an app without write access), so an auth failure is kept visible here until a
 * later call succeeds.
 */
export class ChannelHealth {
  private authError: { reason: string; at: Date } | null = null;
  private lastPoll: { at: Date; error: string | null; stored: number } | null = null;

  authFailed(reason: string, at: Date): void {
    this.authError = { reason, at };
  }

  authWorked(): void {
    this.authError = null;
  }

  polled(at: Date, stored: number, error: string | null): void {
    this.lastPoll = { at, error, stored };
  }

  reset(): void {
    this.authError = null;
    this.lastPoll = null;
  }

  get healthy(): boolean {
    return this.authError === null;
  }

  snapshot(): Record<string, unknown> {
    return {
      enabled: true,
      state: this.authError === null ? 'ok' : 'unhealthy',
      ...(this.authError ? { error: this.authError.reason, since: this.authError.at.toISOString() } : {}),
      ...(this.lastPoll
        ? { lastPoll: { at: this.lastPoll.at.toISOString(), stored: this.lastPoll.stored, error: this.lastPoll.error } }
        : {}),
    };
  }
}
