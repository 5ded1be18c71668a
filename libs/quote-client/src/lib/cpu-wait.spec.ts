import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cpuWaitMs } from './cpu-wait';

const SPIN = 'const until = Date.now() + Number(process.argv[2]); while (Date.now() < until);';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('cpuWaitMs', () => {
  it('stays put while the thread sleeps', async () => {
    const before = cpuWaitMs();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cpuWaitMs() - before).toBeLessThan(50);
  });

  it('counts the time the thread was ready to run while every CPU ran other threads', async () => {
    // Twice as many spinning threads as CPUs: the main thread, spinning too, gets a CPU for a
    // fraction of the time and waits for the rest.
    const workers = Array.from(
      { length: availableParallelism() * 2 },
      () => new Worker(SPIN, { eval: true, argv: [1_500] }),
    );
    await Promise.all(workers.map((worker) => new Promise((r) => worker.once('online', r))));
    const before = cpuWaitMs();
    spin(600);
    const waited = cpuWaitMs() - before;
    await Promise.all(workers.map((worker) => worker.terminate()));
    expect(waited).toBeGreaterThan(150);
    expect(waited).toBeLessThan(1_000); // milliseconds, not a unit off
  });
});
