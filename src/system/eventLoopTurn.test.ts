import { performance } from 'node:perf_hooks';
import { nextTurn } from './eventLoopTurn';

describe('nextTurn', () => {
  it('lets one waiter through per turn of the event loop, with I/O callbacks polled between them', async () => {
    const order: string[] = [];
    const work = (n: number) => {
      // A parse's synchronous work: long enough for the timer below to fall due meanwhile.
      const end = performance.now() + 5;
      while (performance.now() < end);
      order.push(`work ${n}`);
    };
    const waiters = [1, 2, 3].map((n) => nextTurn().then(() => work(n)));
    // A timer that falls due stands for a request that arrived: it must be served before the 2nd waiter.
    setTimeout(() => order.push('timer'), 0);
    await Promise.all(waiters);
    expect(order.indexOf('timer')).toBeLessThan(order.indexOf('work 2'));
    expect(order.filter((o) => o.startsWith('work'))).toEqual(['work 1', 'work 2', 'work 3']);
  });
});
