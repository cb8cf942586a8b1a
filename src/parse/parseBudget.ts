import { performance } from 'node:perf_hooks';

/** How long one message may be parsed by default: several times the slowest adversarial input we know. */
export const DEFAULT_PARSE_BUDGET_MS = 250;

/** Thrown from inside a parse that has used up its time; the parser turns it into a review verdict. */
export class ParseBudgetExceeded extends Error {
  constructor(
    readonly stage: string,
    readonly elapsedMs: number,
    readonly budgetMs: number,
  ) {
    super(`parse budget of ${budgetMs} ms used up at ${stage} (${Math.round(elapsedMs)} ms)`);
    this.name = 'ParseBudgetExceeded';
  }
}

/**
 * The time one message may take to parse. Parsing is synchronous and shares its event loop with
 * HTTP in the single-process gateway: every step is linear in the text, and this is the backstop
 * for whatever input still costs more than it should. Loops call tick() (cheap) and stages call
 * check(); both throw ParseBudgetExceeded once the budget is spent.
 */
export class ParseDeadline {
  private readonly startedAt = performance.now();
  private ticks = 0;

  constructor(readonly budgetMs: number) {}

  /** A deadline that never passes, for callers outside the inbound path (tools, evaluation). */
  static none(): ParseDeadline {
    return new ParseDeadline(Number.POSITIVE_INFINITY);
  }

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  check(stage: string): void {
    const elapsed = this.elapsedMs;
    if (elapsed > this.budgetMs) throw new ParseBudgetExceeded(stage, elapsed, this.budgetMs);
  }

  /** check() once every 256 calls: a clock read per word would cost more than the words. */
  tick(stage: string): void {
    if ((++this.ticks & 0xff) === 0) this.check(stage);
  }
}
