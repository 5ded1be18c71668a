import type { Metric } from './results';
import type { SubjectName } from './subjects';

export type Unit = 'req/s' | 'ms' | '%' | 'MiB';

export interface Target {
  text: string;
  met: (ours: number, reference: number) => boolean;
}

/** One line of the bench's table: a metric of one subject against the same of its reference. */
export interface Comparison {
  /** `{rate}` stands for the fixed rate. */
  measure: string;
  metric: Metric;
  unit: Unit;
  ours: SubjectName;
  reference: SubjectName;
  /** The figure docs/PERFORMANCE.md holds the subject to; lines without one are context. */
  target?: Target;
}

const service = { ours: 'accountservice', reference: 'reference' } as const;
const chain = { ours: 'accountserviceChain', reference: 'referencePair' } as const;

/** The table that `npm run bench` prints, in order; docs/PERFORMANCE.md explains each target. */
export const TARGETS: Comparison[] = [
  {
    ...service,
    measure: 'accountservice, peak',
    metric: 'peakRps',
    unit: 'req/s',
    target: { text: '≥ 0.75× reference', met: (o, r) => o >= 0.75 * r },
  },
  {
    ...service,
    measure: 'accountservice, peak (wrk)',
    metric: 'wrkRps',
    unit: 'req/s',
    target: { text: '≥ 0.75× reference', met: (o, r) => o >= 0.75 * r },
  },
  {
    ...service,
    measure: 'server CPU at peak (wrk)',
    metric: 'wrkCpuPercent',
    unit: '%',
    // The ratios are valid only if the load saturated the reference's core.
    target: { text: 'reference ≥ 95 %', met: (_, r) => r >= 95 },
  },
  { ...service, measure: 'accountservice, p99 at peak', metric: 'peakP99Ms', unit: 'ms' },
  { ...service, measure: 'accountservice, CPU at peak', metric: 'peakCpuPercent', unit: '%' },
  {
    ...chain,
    measure: 'accountservice with quotes-service, peak (vs reference pair)',
    metric: 'peakRps',
    unit: 'req/s',
    target: { text: '≥ 0.6× reference pair', met: (o, r) => o >= 0.6 * r },
  },
  {
    ...chain,
    ours: 'chainBaseline',
    measure: 'chain baseline, peak (vs reference pair): two NestJS services, the quote call',
    metric: 'peakRps',
    unit: 'req/s',
  },
  {
    ...chain,
    measure: 'accountservice with quotes-service, p99 at peak (vs reference pair)',
    metric: 'peakP99Ms',
    unit: 'ms',
  },
  { ...service, measure: 'p50 at {rate} req/s', metric: 'steadyP50Ms', unit: 'ms' },
  {
    ...service,
    measure: 'p99 at {rate} req/s',
    metric: 'steadyP99Ms',
    unit: 'ms',
    target: { text: '≤ 1 ms', met: (o) => o <= 1 },
  },
  { ...service, measure: 'CPU at {rate} req/s', metric: 'steadyCpuPercent', unit: '%' },
  {
    ...service,
    measure: 'RSS after start',
    metric: 'rssAfterStartMiB',
    unit: 'MiB',
    target: { text: '≤ 64 MiB', met: (o) => o <= 64 },
  },
  {
    ...service,
    measure: 'RSS at peak',
    metric: 'peakRssMiB',
    unit: 'MiB',
    target: { text: '≤ 100 MiB', met: (o) => o <= 100 },
  },
  {
    ...service,
    measure: 'first 200 after spawn',
    metric: 'firstOkMs',
    unit: 'ms',
    target: { text: '≤ 300 ms', met: (o) => o <= 300 },
  },
];
