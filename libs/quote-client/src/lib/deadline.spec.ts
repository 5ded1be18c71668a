import { setTimeout as sleep } from 'node:timers/promises';
import { startDeadline } from './deadline';

const BUDGET_MS = 100;

function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

function abortedAt(signal: AbortSignal): Promise<number> {
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(performance.now()), { once: true }),
  );
}

describe('startDeadline', () => {
  it('aborts with a TimeoutError once the budget is spent', async () => {
    const started = performance.now();
    const deadline = startDeadline(BUDGET_MS, 'quote call timed out');
    const at = await abortedAt(deadline.signal);
    // Timers run on the event loop's clock, whole milliseconds behind performance.now().
    expect(at - started).toBeGreaterThanOrEqual(BUDGET_MS - 1);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
    expect((deadline.signal.reason as DOMException).message).toBe('quote call timed out');
  });

  it('gives back the time the process did not run, once', async () => {
    const deadline = startDeadline(BUDGET_MS);
    const aborted = abortedAt(deadline.signal);
    stall(BUDGET_MS * 3);
    const resumed = performance.now();
    await sleep(BUDGET_MS / 2);
    expect(deadline.signal.aborted).toBe(false);
    // The extension is the lateness, at most one more budget, and is not extended again.
    expect((await aborted) - resumed).toBeGreaterThanOrEqual(BUDGET_MS * 0.9);
  });

  it('does not abort once cleared', async () => {
    const deadline = startDeadline(BUDGET_MS);
    deadline.clear();
    await sleep(BUDGET_MS * 2);
    expect(deadline.signal.aborted).toBe(false);
  });
});
