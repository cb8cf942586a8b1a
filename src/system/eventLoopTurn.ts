const waiting: (() => void)[] = [];
let scheduled = false;

/**
 * Resolves when the caller may do a piece of synchronous work (a parse), at most one caller per
 * turn of the event loop, with I/O polled between them. A plain `await setImmediate()` would not
 * do: every job that reached it in the same turn would resume in the same check phase, and ten
 * parses would run back to back while HTTP waits. Here each release schedules the next for the
 * following turn, so requests are answered between any two parses however many jobs are running.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}

function schedule(): void {
  if (scheduled || waiting.length === 0) return;
  scheduled = true;
  setImmediate(release);
}

function release(): void {
  scheduled = false;
  waiting.shift()?.();
  // Queued from inside the check phase, the next release runs on the next turn, after the poll phase.
  schedule();
}
