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
    // A thread is running, waiting for a CPU or asleep: whatever the machine's load, the wait
    // between two readings is at most the time between them that the thread was not asleep.
    const start = performance.now();
    const before = cpuWaitMs();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waited = cpuWaitMs() - before;
    const awake = performance.now() - start - 200;
    expect(waited).toBeLessThan(awake + 10);
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
