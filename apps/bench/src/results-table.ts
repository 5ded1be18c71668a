import { type BenchResults, type BenchSetup, metric } from './results';
import { measuredBy, SUBJECTS, type SubjectName } from './subjects';
import { TARGETS, type Unit } from './targets';

const ratio = (ours: number, reference: number) => (reference === 0 ? 0 : ours / reference);
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
const format = (value: number, unit: Unit) =>
  `${value >= 100 ? thousands(value) : value.toFixed(unit === 'ms' ? 2 : 1)} ${unit}`;
const title = (name: SubjectName) => SUBJECTS.find((subject) => subject.name === name)?.title;

/** The markdown that `npm run bench` prints and docs/PERFORMANCE.md quotes. */
export function formatResults(results: BenchResults, setup: BenchSetup): string {
  const { subjects } = results;
  const rows = TARGETS.flatMap((row) => {
    const ours = metric(subjects[row.ours], row.metric);
    const reference = metric(subjects[row.reference], row.metric);
    if (ours === undefined || reference === undefined) return [];
    const met = row.target ? (row.target.met(ours, reference) ? 'yes' : '**no**') : '';
    return [
      `| ${row.measure.replace('{rate}', String(setup.rate))} | ${format(ours, row.unit)} | ` +
        `${format(reference, row.unit)} | ${ratio(ours, reference).toFixed(2)}× | ` +
        `${row.target?.text ?? ''} | ${met} |`,
    ];
  });
  const referenceCpu = metric(subjects.reference, 'wrkCpuPercent');
  const validity =
    referenceCpu !== undefined && referenceCpu < 95
      ? [
          `\nThe reference ran at ${referenceCpu.toFixed(0)} % CPU under wrk: it was not saturated, and its ratios are not valid.`,
        ]
      : [];
  return [
    `Node ${setup.node}; ${setup.cores}; peak: ${setup.connections} connections, ${setup.rounds} alternating rounds of ${setup.durationS} s after a warm-up, medians`,
    '',
    '| measure | ours | reference | ratio | target | met |',
    '|---|---:|---:|---:|---|---|',
    ...rows,
    ...validity,
    ...formatBaselines(results),
    ...formatAxiosCost(results),
    '',
    'peak req/s per round (the load tool):',
    ...measuredBy('peak').map(
      ({ name }) =>
        `  ${name.padEnd(20)} ${(subjects[name]?.peak ?? []).map((round) => thousands(round.rps)).join('  ')}`,
    ),
    `p99 at ${setup.rate} req/s per round:`,
    ...measuredBy('steady').map(
      ({ name }) =>
        `  ${name.padEnd(20)} ${(subjects[name]?.steady ?? []).map((round) => `${round.p99Ms.toFixed(2)} ms`).join('  ')}`,
    ),
  ].join('\n');
}

/** What the frameworks and the request line cost before any of accountservice's own work. */
function formatBaselines({ subjects }: BenchResults): string[] {
  const referenceRps = metric(subjects.reference, 'wrkRps');
  if (referenceRps === undefined) return [];
  const mib = (value: number) => `${value.toFixed(1)} MiB`;
  return [
    '',
    'Framework baselines: the account route with the fallback quote, its response schema and one log line per request; the names from memory, or from LevelDB with the libraries of the design loaded (wrk, medians):',
    '',
    '| server | peak (wrk) | ratio to the reference | CPU | RSS after start | RSS at peak (VmHWM) | first 200 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...measuredBy('wrk').flatMap(({ name }) => {
      const observed = subjects[name];
      const rps = metric(observed, 'wrkRps');
      if (!observed || rps === undefined) return [];
      return [
        `| ${title(name)} | ${thousands(rps)} req/s | ${ratio(rps, referenceRps).toFixed(2)}× | ` +
          `${(metric(observed, 'wrkCpuPercent') ?? NaN).toFixed(0)} % | ` +
          `${mib(observed.rssAfterStartMiB)} | ${mib(observed.rssHighWaterMiB)} | ${Math.round(observed.firstOkMs)} ms |`,
      ];
    }),
  ];
}

/** How much of a chain answer is axios's own pipeline, and what the chain would do without it. */
function formatAxiosCost({ subjects, axiosCost }: BenchResults): string[] {
  const chainRps = metric(subjects.accountserviceChain, 'peakRps');
  const pairRps = metric(subjects.referencePair, 'peakRps');
  if (chainRps === undefined || pairRps === undefined) return [];
  // All servers share core 0, so 1 / req/s is the core time of one chain answer.
  const perAnswerUs = 1e6 / chainRps;
  const withoutAxios = 1e6 / (perAnswerUs - axiosCost.pipelineUs);
  return [
    '',
    `axios per quote call, no network: ${axiosCost.pipelineUs.toFixed(1)} µs of its own pipeline, ` +
      `${axiosCost.deadlineUs.toFixed(1)} µs for the deadline. A chain answer takes ` +
      `${perAnswerUs.toFixed(0)} µs of core 0, so without axios's pipeline the chain would reach about ` +
      `${thousands(withoutAxios)} req/s, ${ratio(withoutAxios, pairRps).toFixed(2)}× the reference pair.`,
  ];
}
