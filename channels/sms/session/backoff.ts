const FIRST_DELAY_MS = 500;

/**
 * Delay before reconnect attempt `attempt` (1, 2, …): exponential from half a second up to
 * `maxMs`, with jitter so many gateways that lost one SMSC together do not come back in step.
 */
export function reconnectDelay(attempt: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, FIRST_DELAY_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** After a refused bind: close to the longest delay, since a wrong password will not fix itself soon. */
export function refusedBindDelay(maxMs: number, random: () => number = Math.random): number {
  return Math.round(maxMs * (0.8 + random() * 0.2));
}
