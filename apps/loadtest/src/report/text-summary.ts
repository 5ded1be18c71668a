import { errorTotal, type LoadResult, type Progress, describeScenario } from '@landscape/load';

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const percent = (value: number) => `${value.toFixed(0)} %`;
const mib = (value: number) => `${value.toFixed(1)} MiB`;

/** The run's results as labelled values: the lines of the summary, the rows of the report's table. */
export function summaryRows(result: LoadResult): [string, string][] {
  const { plan, run } = result;
  const statuses = Object.entries(run.statuses)
    .map(([status, times]) => `${status}×${count(times)}`)
    .join(', ');
  const peak = Math.max(0, ...run.intervals.map((interval) => interval.requests));
  return [
    ['target', plan.baseUrls.map((baseUrl) => `${baseUrl}${plan.path}`).join(', ')],
    ['scenario', describeScenario(plan.scenario)],
    [
      'requests',
      `${count(run.requests)} in ${run.durationS.toFixed(1)} s: ${count(run.requestsPerSecond)} req/s (busiest second ${count(peak)})`,
    ],
    [
      'latency',
      `mean ${ms(run.meanMs)}  p50 ${ms(run.p50Ms)}  p90 ${ms(run.p90Ms)}  p99 ${ms(run.p99Ms)}  max ${ms(run.maxMs)}`,
    ],
    [
      'errors',
      `${count(errorTotal(run.errors))}: status ${count(run.errors.status)}${statuses ? ` (${statuses})` : ''}, timeout ${count(run.errors.timeout)}, connection ${count(run.errors.connection)}`,
    ],
    ...(plan.countField
      ? [['counted', `${plan.countField}: ${countedValues(run.fieldCounts)}`] as [string, string]]
      : []),
    ...result.footprint.map((series): [string, string] => [
      'footprint',
      `${series.label}: cpu mean ${percent(series.cpuMeanPercent)}, max ${percent(series.cpuMaxPercent)}; ` +
        `memory before ${mib(series.memoryBeforeMiB)}, max ${mib(series.memoryMaxMiB)}` +
        (series.error ? ` (stopped reading: ${series.error})` : ''),
    ]),
  ];
}

/** Values by count, most frequent first: the ten most frequent, then how many more. */
function countedValues(counts: Record<string, number>): string {
  const sorted = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (sorted.length === 0) return 'no answers';
  const shown = sorted.slice(0, 10).map(([value, times]) => `${value} ×${count(times)}`);
  const others = sorted.slice(10).reduce((sum, [, times]) => sum + times, 0);
  return (
    shown.join(', ') +
    (others ? `, ${count(others)} more of ${sorted.length - 10} other values` : '')
  );
}

/** The one-screen summary printed at the end of a run. */
export function formatSummary(result: LoadResult): string {
  return summaryRows(result)
    .map(([name, value]) => `${name.padEnd(12)}${value}`)
    .join('\n');
}

/** The line that is rewritten every second while the load runs. */
export function formatProgress(progress: Progress, durationHintS: number): string {
  const { interval } = progress;
  const footprint = progress.footprint
    .map((reading) => `  ${reading.label} ${percent(reading.cpuPercent)} ${mib(reading.memoryMiB)}`)
    .join('');
  return (
    `${String(interval.second).padStart(4)}/${durationHintS} s  ${count(interval.requests)} req/s  ` +
    `p99 ${ms(interval.p99Ms)}  active ${count(interval.concurrency)}  ` +
    `requests ${count(progress.requests)}  errors ${count(progress.errors)}${footprint}`
  );
}
