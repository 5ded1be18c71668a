import { SEED_ACCOUNT_COUNT, seedAccount } from '@landscape/contracts';
import { FootprintMonitor, type FootprintSeries } from './footprint-monitor';
import type { FootprintSource } from './footprint-source';
import { startDriver } from './drivers';
import { HttpTarget } from './http-target';
import { type Interval, type RecordedRun, Recorder } from './recorder';
import { connectionsOf, type Scenario } from './scenario';

export interface LoadPlan {
  /** Origins of the targets, e.g. http://localhost:6767; requests go to each in turn. */
  baseUrls: string[];
  /** A dotted path into each JSON answer whose values are counted. */
  countField?: string;
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
  const connections = Math.ceil(connectionsOf(plan.scenario) / plan.baseUrls.length);
  const targets = plan.baseUrls.map(
    (baseUrl) =>
      new HttpTarget(baseUrl, {
        connections,
        timeoutMs: plan.timeoutMs,
        countField: plan.countField,
      }),
  );
  let turn = 0;
  const target = {
    get: (path: string, dueAt?: number) => targets[turn++ % targets.length].get(path, dueAt),
  };
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
    await Promise.all(targets.map((each) => each.close()));
  }
  const run = recorder.finish();
  const { baseUrls, countField, path, scenario, timeoutMs } = plan;
  return {
    plan: { baseUrls, countField, path, scenario, timeoutMs },
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
