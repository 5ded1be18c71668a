import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cpuWaitMs } from './cpu-wait';

/** Spins until the shared flag is set, or for ten seconds at most. */
const SPIN = `
  const { workerData } = require('node:worker_threads');
  const stop = new Int32Array(workerData);
  const until = Date.now() + 10_000;
  while (Atomics.load(stop, 0) === 0 && Date.now() < until);
`;

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('cpuWaitMs', () => {
  it('stays put while the thread sleeps', async () => {
    // Counted sleep would be the whole second. What is counted is the time the thread was
    // runnable around the sleep, which a busy machine makes tens of milliseconds, not hundreds.
    const before = cpuWaitMs();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(cpuWaitMs() - before).toBeLessThan(500);
  });

  it('counts the time the thread was ready to run while every CPU ran other threads', async () => {
    // Twice as many spinning threads as CPUs: the main thread, spinning too, gets a CPU for a
    // fraction of the time and waits for the rest.
    const stop = new SharedArrayBuffer(4);
    const workers = Array.from(
      { length: availableParallelism() * 2 },
      () => new Worker(SPIN, { eval: true, workerData: stop }),
    );
    await Promise.all(workers.map((worker) => new Promise((r) => worker.once('online', r))));
    const before = cpuWaitMs();
    spin(600);
    const waited = cpuWaitMs() - before;
    Atomics.store(new Int32Array(stop), 0, 1);
    await Promise.all(workers.map((worker) => worker.terminate()));
    expect(waited).toBeGreaterThan(150);
    expect(waited).toBeLessThan(1_000); // milliseconds, not a unit off
  });
});
