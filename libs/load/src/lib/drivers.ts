import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpTarget } from './http-target';
import type { Outcome } from './outcome';
import type { ArticleScenario, PeakScenario, RateScenario, Scenario } from './scenario';

export interface DriverContext {
  target: Pick<HttpTarget, 'get'>;
  nextPath: () => string;
  record: (outcome: Outcome) => void;
  /** Aborted when the run should stop early (Ctrl-C); requests in flight still finish. */
  signal: AbortSignal;
}

/** Sends the scenario's load; resolves when its last request has ended. */
export interface Driver {
  readonly done: Promise<void>;
  /** Virtual users running, or requests in flight. */
  concurrency(): number;
}

export function startDriver(scenario: Scenario, context: DriverContext): Driver {
  switch (scenario.kind) {
    case 'article':
      return articleDriver(scenario, context);
    case 'rate':
      return rateDriver(scenario, context);
    case 'peak':
      return peakDriver(scenario, context);
  }
}

function articleDriver(scenario: ArticleScenario, context: DriverContext): Driver {
  const { target, nextPath, record, signal } = context;
  const startedAt = performance.now();
  let active = 0;
  const user = async (index: number) => {
    const startAt = startedAt + (scenario.rampS * 1000 * index) / scenario.users;
    await sleepUntil(startAt, signal);
    const endAt = startAt + scenario.durationS * 1000;
    active += 1;
    try {
      while (performance.now() < endAt && !signal.aborted) {
        record(await target.get(nextPath()));
        await sleepUntil(performance.now() + scenario.pauseS * 1000, signal);
      }
    } finally {
      active -= 1;
    }
  };
  const done = Promise.all(Array.from({ length: scenario.users }, (_, index) => user(index))).then(
    () => undefined,
  );
  return { done, concurrency: () => active };
}

/**
 * Request i is due at start + i / rate. The pump sleeps with a timer while the next one is more
 * than 2 ms away and then spins on setImmediate, so that sends are spaced to within the event
 * loop's turn rather than the timer's millisecond granularity.
 */
function rateDriver(scenario: RateScenario, context: DriverContext): Driver {
  const { target, nextPath, record, signal } = context;
  const spacingMs = 1000 / scenario.rate;
  const total = Math.round(scenario.rate * scenario.durationS);
  const startedAt = performance.now();
  let sent = 0;
  let inFlight = 0;
  const done = new Promise<void>((resolve) => {
    const finishIfDone = () => {
      if ((sent === total || signal.aborted) && inFlight === 0) resolve();
    };
    const pump = () => {
      const now = performance.now();
      while (sent < total && !signal.aborted && startedAt + sent * spacingMs <= now) {
        const dueAt = startedAt + sent * spacingMs;
        sent += 1;
        inFlight += 1;
        void target.get(nextPath(), dueAt).then((outcome) => {
          inFlight -= 1;
          record(outcome);
          finishIfDone();
        });
      }
      if (sent === total || signal.aborted) return finishIfDone();
      const waitMs = startedAt + sent * spacingMs - performance.now();
      if (waitMs > 2) setTimeout(pump, waitMs - 1);
      else setImmediate(pump);
    };
    pump();
  });
  return { done, concurrency: () => inFlight };
}

function peakDriver(scenario: PeakScenario, context: DriverContext): Driver {
  const { target, nextPath, record, signal } = context;
  const endAt = performance.now() + scenario.durationS * 1000;
  let inFlight = 0;
  const connection = async () => {
    while (performance.now() < endAt && !signal.aborted) {
      inFlight += 1;
      const outcome = await target.get(nextPath());
      inFlight -= 1;
      record(outcome);
    }
  };
  const done = Promise.all(Array.from({ length: scenario.connections }, connection)).then(
    () => undefined,
  );
  return { done, concurrency: () => inFlight };
}

async function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
  const waitMs = at - performance.now();
  if (waitMs <= 0 || signal.aborted) return;
  await sleep(waitMs, undefined, { signal }).catch(() => undefined);
}
