import type { AxiosCost } from './axios-cost';
import type { SubjectName } from './subjects';

/** What one server showed, round by round. */
export interface Observed {
  firstOkMs: number;
  /** Resident memory 1 s after the first answer. */
  rssAfterStartMiB: number;
  /** VmHWM at the end: the most the process was resident, at any time. */
  rssHighWaterMiB: number;
  peak: { rps: number; p99Ms: number; cpuPercent: number; rssMaxMiB: number }[];
  wrk: { rps: number; cpuPercent: number }[];
  steady: { p50Ms: number; p99Ms: number; cpuPercent: number }[];
}

export interface BenchResults {
  subjects: Partial<Record<SubjectName, Observed>>;
  axiosCost: AxiosCost;
}

export interface BenchSetup {
  node: string;
  cores: string;
  rounds: number;
  durationS: number;
  connections: number;
  rate: number;
}

export type Metric =
  | 'peakRps'
  | 'peakP99Ms'
  | 'peakCpuPercent'
  | 'peakRssMiB'
  | 'wrkRps'
  | 'wrkCpuPercent'
  | 'steadyP50Ms'
  | 'steadyP99Ms'
  | 'steadyCpuPercent'
  | 'rssAfterStartMiB'
  | 'rssHighWaterMiB'
  | 'firstOkMs';

export const median = (values: number[]): number | undefined =>
  values.length === 0
    ? undefined
    : [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A metric of a server: the median of its rounds (the most, for memory), undefined if unmeasured. */
export function metric(observed: Observed | undefined, name: Metric): number | undefined {
  if (!observed) return undefined;
  const { peak, wrk, steady } = observed;
  switch (name) {
    case 'peakRps':
      return median(peak.map((round) => round.rps));
    case 'peakP99Ms':
      return median(peak.map((round) => round.p99Ms));
    case 'peakCpuPercent':
      return median(peak.map((round) => round.cpuPercent));
    case 'peakRssMiB':
      return peak.length === 0 ? undefined : Math.max(...peak.map((round) => round.rssMaxMiB));
    case 'wrkRps':
      return median(wrk.map((round) => round.rps));
    case 'wrkCpuPercent':
      return median(wrk.map((round) => round.cpuPercent));
    case 'steadyP50Ms':
      return median(steady.map((round) => round.p50Ms));
    case 'steadyP99Ms':
      return median(steady.map((round) => round.p99Ms));
    case 'steadyCpuPercent':
      return median(steady.map((round) => round.cpuPercent));
    default:
      return observed[name];
  }
}
