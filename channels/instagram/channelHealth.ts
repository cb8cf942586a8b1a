import type Redis from 'ioredis';

export interface TokenState {
  token: 'ok' | 'expired' | 'missing';
  since: string | null;
  error: string | null;
}

const REFRESH_MS = 5_000;

/**
 * Whether the access token works, as last seen by any process. The outbound worker finds out
 * (code 190) and /readyz is answered by the API process, so the state lives in Redis and each
 * process keeps a copy for the synchronous health() call.
 */
export class ChannelHealth {
  private state: TokenState;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    hasToken: boolean,
  ) {
    this.state = { token: hasToken ? 'ok' : 'missing', since: null, error: hasToken ? null : 'INSTAGRAM_ACCESS_TOKEN is not set' };
  }

  current(): TokenState {
    return this.state;
  }

  async tokenRejected(error: string, at: Date): Promise<void> {
    if (this.state.token !== 'expired') this.state = { token: 'expired', since: at.toISOString(), error };
    await this.redis.set(this.key, JSON.stringify(this.state)).catch(() => undefined);
  }

  async tokenAccepted(): Promise<void> {
    if (this.state.token === 'ok') return;
    this.state = { token: 'ok', since: null, error: null };
    await this.redis.del(this.key).catch(() => undefined);
  }

  /** Keeps this process's copy in step with what other processes found. */
  follow(): void {
    if (this.timer) return;
    const refresh = () => {
      this.redis.get(this.key).then(
        (raw) => {
          if (raw) this.state = JSON.parse(raw) as TokenState;
          else if (this.state.token === 'expired') this.state = { token: 'ok', since: null, error: null };
        },
        () => undefined,
      );
    };
    refresh();
    this.timer = setInterval(refresh, REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
