import { SEED_ACCOUNT_COUNT, seedAccount } from '@landscape/contracts';
import { FootprintMonitor, type FootprintSeries } from '../footprint/footprint-monitor';
import type { FootprintSource } from '../footprint/footprint-source';
import { startDriver } from './drivers';
import { HttpTarget } from './http-target';
import { type Interval, type RecordedRun, Recorder } from './recorder';
import { connectionsOf, type Scenario } from './scenario';

export interface LoadPlan {
  /** Origin of the target, e.g. http://localhost:6767 */
  baseUrl: string;
  /** Path to GET; `{id}` takes each seeded account id in turn. */
  path: string;
  scenario: Scenario;
  timeoutMs: number;
  footprint: FootprintSource[];
}

export interface LoadResult {
  plan: Omit<LoadPlan, 'footprint'>;
  startedAt: string;
  run: RecordedRun;
  footprint: FootprintSeries[];
}

export interface Progress {
  interval: Interval;
  requests: number;
  errors: number;
  footprint: ReturnType<FootprintMonitor['latest']>;
}

/** Runs the plan, reporting each second to onProgress; stops early, cleanly, when signal aborts. */
export async function runLoad(
  plan: LoadPlan,
  onProgress: (progress: Progress) => void = () => undefined,
  signal: AbortSignal = new AbortController().signal,
): Promise<LoadResult> {
  const monitor = new FootprintMonitor(plan.footprint);
  await monitor.start();
  const target = new HttpTarget(plan.baseUrl, {
    connections: connectionsOf(plan.scenario),
    timeoutMs: plan.timeoutMs,
  });
  const startedAt = new Date().toISOString();
  const recorder = new Recorder();
  const driver = startDriver(plan.scenario, {
    target,
    nextPath: pathsOf(plan.path),
    record: (outcome) => recorder.record(outcome),
    signal,
  });
  const ticker = setInterval(() => {
    const interval = recorder.tick(driver.concurrency());
    void monitor.sample(interval.second).then(() =>
      onProgress({
        interval,
        requests: recorder.requests,
        errors: recorder.errorCount,
        footprint: monitor.latest(),
      }),
    );
  }, 1000);
  try {
    await driver.done;
  } finally {
    clearInterval(ticker);
    await target.close();
  }
  const run = recorder.finish();
  const { baseUrl, path, scenario, timeoutMs } = plan;
  return {
    plan: { baseUrl, path, scenario, timeoutMs },
    startedAt,
    run,
    footprint: await monitor.finish(),
  };
}

function pathsOf(template: string): () => string {
  if (!template.includes('{id}')) return () => template;
  const paths = Array.from({ length: SEED_ACCOUNT_COUNT }, (_, index) =>
    template.replaceAll('{id}', seedAccount(index).id),
  );
  let next = 0;
  return () => paths[next++ % paths.length];
}
