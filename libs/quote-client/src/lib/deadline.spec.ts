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
    // No CPU wait counted, whatever the machine's load: this is the paused container's case,
    // which only the timer's lateness shows.
    const deadline = startDeadline(BUDGET_MS, 'timed out', () => 0);
    const aborted = abortedAt(deadline.signal);
    stall(BUDGET_MS * 3);
    const resumed = performance.now();
    await sleep(BUDGET_MS / 2);
    expect(deadline.signal.aborted).toBe(false);
    // The extension is the lateness, at most one more budget, and is not extended again.
    expect((await aborted) - resumed).toBeGreaterThanOrEqual(BUDGET_MS * 0.9);
  });

  it('gives back the lateness once, also when part of the stall was CPU wait', async () => {
    let waited = 0;
    const deadline = startDeadline(BUDGET_MS, 'timed out', () => waited);
    const aborted = abortedAt(deadline.signal);
    stall(BUDGET_MS * 3);
    waited = BUDGET_MS * 2.5; // most of the stall spent waiting for a CPU
    const resumed = performance.now();
    expect((await aborted) - resumed).toBeGreaterThanOrEqual(BUDGET_MS * 0.9);
  });

  it('does not abort once cleared', async () => {
    const deadline = startDeadline(BUDGET_MS);
    deadline.clear();
    await sleep(BUDGET_MS * 2);
    expect(deadline.signal.aborted).toBe(false);
  });

  it('does not charge the time this thread waited for a CPU', async () => {
    let waited = 0;
    const started = performance.now();
    const deadline = startDeadline(BUDGET_MS, 'timed out', () => waited);
    const aborted = abortedAt(deadline.signal);
    await sleep(BUDGET_MS / 2);
    waited = BUDGET_MS * 0.8; // as if it had waited that long for a CPU
    expect((await aborted) - started).toBeGreaterThanOrEqual(BUDGET_MS * 1.8 - 2);
  });

  it('is over after five budgets, however long the thread waits for a CPU', async () => {
    const started = performance.now();
    const deadline = startDeadline(BUDGET_MS, 'timed out', () => performance.now() - started);
    const at = (await abortedAt(deadline.signal)) - started;
    expect(at).toBeGreaterThanOrEqual(BUDGET_MS * 5 - 2);
    expect(at).toBeLessThan(BUDGET_MS * 5 + 1_000);
  });
});
