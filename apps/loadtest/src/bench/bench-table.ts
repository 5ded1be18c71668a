import type { AxiosFloor } from './axios-floor';

export interface Measured {
  /** Median of the rounds. */
  peakRps: number;
  peakRounds: number[];
  peakP99Ms: number;
  peakCpuPercent: number;
  firstOkMs: number;
  rssAfterStartMiB: number;
  rssPeakMiB: number;
  /** At the fixed rate: medians of the rounds. */
  steady?: { p50Ms: number; p99Ms: number; p99Rounds: number[]; cpuPercent: number };
}

export interface BenchResults {
  ceiling: Measured;
  accountPath: Measured;
  fullChain: Measured;
  rawPair: Measured;
  /**
   * The full chain's floor (floors/chain-floor.ts, floors/quotes-floor.ts): two NestJS services
   * on Fastify with their request lines, the front calling the back through @nestjs/axios over
   * the services' undici adapter, and nothing else.
   */
  chainFloor: Measured;
  /**
   * Peak by wrk, which saturates the ceiling's core where the JavaScript generator does not: the
   * ceiling, the framework floors (floors/) and the account path. Absent without wrk.
   */
  floors?: Floor[];
  axiosFloor?: AxiosFloor;
}

export interface Floor {
  name: 'ceiling' | 'fastifyFloor' | 'nestFloor' | 'designFloor' | 'accountPath';
  requestsPerSecond: number;
  serverCpuPercent: number;
  firstOkMs: number;
  rssAfterStartMiB: number;
  /** VmHWM: the most the process was resident, at any time. */
  rssPeakMiB: number;
}

const FLOOR_NAMES: Record<Floor['name'], string> = {
  ceiling: 'raw node:http (the ceiling)',
  fastifyFloor: 'Fastify, schema, request line',
  nestFloor: 'NestJS on Fastify, schema, request line',
  designFloor: 'the same with LevelDB, @nestjs/axios over undici, prom-client',
  accountPath: 'accountservice (account path)',
};

interface Row {
  measure: string;
  ours: number;
  reference: number;
  unit: string;
  /** Met when the check passes; rows without one are context. */
  target?: { text: string; met: (ours: number, reference: number) => boolean };
}

const ratio = (ours: number, reference: number) => (reference === 0 ? 0 : ours / reference);

/** The markdown table that `npm run bench` prints and docs/PERFORMANCE.md quotes. */
export function formatResults(
  results: BenchResults,
  setup: {
    node: string;
    cores: string;
    rounds: number;
    durationS: number;
    connections: number;
    rate: number;
  },
): string {
  const { ceiling, accountPath, fullChain, rawPair, chainFloor } = results;
  const steady = (m: Measured) =>
    m.steady ?? { p50Ms: NaN, p99Ms: NaN, p99Rounds: [], cpuPercent: NaN };
  const rows: Row[] = [
    {
      measure: 'account path, peak',
      ours: accountPath.peakRps,
      reference: ceiling.peakRps,
      unit: 'req/s',
      target: { text: '≥ 0.75× ceiling', met: (o, r) => o >= 0.75 * r },
    },
    {
      measure: 'account path, p99 at peak',
      ours: accountPath.peakP99Ms,
      reference: ceiling.peakP99Ms,
      unit: 'ms',
    },
    {
      measure: 'account path, CPU at peak',
      ours: accountPath.peakCpuPercent,
      reference: ceiling.peakCpuPercent,
      unit: '%',
    },
    {
      measure: 'full chain, peak (vs raw pair)',
      ours: fullChain.peakRps,
      reference: rawPair.peakRps,
      unit: 'req/s',
      target: { text: '≥ 0.6× raw pair', met: (o, r) => o >= 0.6 * r },
    },
    {
      measure:
        'full chain floor, peak (vs raw pair): two NestJS services, @nestjs/axios over undici',
      ours: chainFloor.peakRps,
      reference: rawPair.peakRps,
      unit: 'req/s',
    },
    {
      measure: 'full chain, p99 at peak (vs raw pair)',
      ours: fullChain.peakP99Ms,
      reference: rawPair.peakP99Ms,
      unit: 'ms',
    },
    {
      measure: `p50 at ${setup.rate} req/s`,
      ours: steady(accountPath).p50Ms,
      reference: steady(ceiling).p50Ms,
      unit: 'ms',
    },
    {
      measure: `p99 at ${setup.rate} req/s`,
      ours: steady(accountPath).p99Ms,
      reference: steady(ceiling).p99Ms,
      unit: 'ms',
      target: { text: '≤ 1 ms', met: (o) => o <= 1 },
    },
    {
      measure: `CPU at ${setup.rate} req/s`,
      ours: steady(accountPath).cpuPercent,
      reference: steady(ceiling).cpuPercent,
      unit: '%',
    },
    {
      measure: 'RSS after start',
      ours: accountPath.rssAfterStartMiB,
      reference: ceiling.rssAfterStartMiB,
      unit: 'MiB',
      target: { text: '≤ 64 MiB', met: (o) => o <= 64 },
    },
    {
      measure: 'RSS at peak',
      ours: accountPath.rssPeakMiB,
      reference: ceiling.rssPeakMiB,
      unit: 'MiB',
      target: { text: '≤ 100 MiB', met: (o) => o <= 100 },
    },
    {
      measure: 'first 200 after spawn',
      ours: accountPath.firstOkMs,
      reference: ceiling.firstOkMs,
      unit: 'ms',
      target: { text: '≤ 300 ms', met: (o) => o <= 300 },
    },
  ];
  const ceilingByWrk = results.floors?.find((floor) => floor.name === 'ceiling');
  const accountPathByWrk = results.floors?.find((floor) => floor.name === 'accountPath');
  const wrk =
    ceilingByWrk && accountPathByWrk
      ? { ceiling: ceilingByWrk, accountPath: accountPathByWrk }
      : undefined;
  if (wrk) {
    rows.splice(
      1,
      0,
      {
        measure: 'account path, peak (wrk)',
        ours: wrk.accountPath.requestsPerSecond,
        reference: wrk.ceiling.requestsPerSecond,
        unit: 'req/s',
        target: { text: '≥ 0.75× ceiling', met: (o, r) => o >= 0.75 * r },
      },
      {
        measure: 'server CPU at peak (wrk)',
        ours: wrk.accountPath.serverCpuPercent,
        reference: wrk.ceiling.serverCpuPercent,
        unit: '%',
        target: { text: 'ceiling ≥ 95 %', met: (_, r) => r >= 95 },
      },
    );
  }
  const validity =
    wrk && wrk.ceiling.serverCpuPercent < 95
      ? [
          `\nThe ceiling ran at ${wrk.ceiling.serverCpuPercent.toFixed(0)} % CPU under wrk: it was not saturated, and its ratios are not valid.`,
        ]
      : [];
  const { axiosFloor } = results;
  const axiosShare = axiosFloor
    ? (() => {
        // All servers share core 0, so 1 / req/s is the core time of one full-chain answer.
        const perAnswerUs = 1e6 / fullChain.peakRps;
        const withoutAxios = 1e6 / (perAnswerUs - axiosFloor.pipelineUs);
        return [
          '',
          `axios per quote call, no network: ${axiosFloor.pipelineUs.toFixed(1)} µs of its own pipeline, ` +
            `${axiosFloor.deadlineUs.toFixed(1)} µs for the deadline (AbortController and timer). A full-chain answer takes ` +
            `${perAnswerUs.toFixed(0)} µs of core 0, so without axios's pipeline the chain would reach about ` +
            `${Math.round(withoutAxios).toLocaleString('en-US')} req/s, ${ratio(withoutAxios, rawPair.peakRps).toFixed(2)}× the raw pair.`,
        ];
      })()
    : [];
  const format = (value: number, unit: string) =>
    `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(unit === 'ms' ? 2 : 1)} ${unit}`;
  return [
    `Node ${setup.node}; ${setup.cores}; peak: ${setup.connections} connections, ${setup.rounds} alternating rounds of ${setup.durationS} s after a warm-up, medians`,
    '',
    '| measure | accountservice | ceiling (raw node:http) | ratio | target | met |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.measure} | ${format(row.ours, row.unit)} | ${format(row.reference, row.unit)} | ` +
        `${ratio(row.ours, row.reference).toFixed(2)}× | ${row.target?.text ?? ''} | ` +
        `${row.target ? (row.target.met(row.ours, row.reference) ? 'yes' : '**no**') : ''} |`,
    ),
    ...validity,
    ...formatFloors(results.floors, wrk?.ceiling.requestsPerSecond),
    ...axiosShare,
    '',
    'peak req/s per round (the load tool):',
    ...Object.entries({ ceiling, accountPath, rawPair, chainFloor, fullChain }).map(
      ([name, measured]) =>
        `  ${name.padEnd(12)} ${measured.peakRounds.map((rps) => Math.round(rps).toLocaleString('en-US')).join('  ')}`,
    ),
    `p99 at ${setup.rate} req/s per round:`,
    ...Object.entries({ ceiling, accountPath }).map(
      ([name, measured]) =>
        `  ${name.padEnd(12)} ${steady(measured)
          .p99Rounds.map((ms) => `${ms.toFixed(2)} ms`)
          .join('  ')}`,
    ),
  ].join('\n');
}

/** What the frameworks and the request line cost before any of accountservice's own work. */
function formatFloors(floors: Floor[] | undefined, ceilingRps: number | undefined): string[] {
  if (!floors || !ceilingRps) return [];
  const mib = (value: number) => `${value.toFixed(1)} MiB`;
  return [
    '',
    'Framework floors: the account route with the fallback quote, its response schema and one log line per request; the names from memory, or from LevelDB with the libraries of the design loaded (wrk, medians):',
    '',
    '| server | peak (wrk) | ratio to the ceiling | CPU | RSS after start | RSS at peak (VmHWM) | first 200 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...floors.map(
      (floor) =>
        `| ${FLOOR_NAMES[floor.name]} | ${Math.round(floor.requestsPerSecond).toLocaleString('en-US')} req/s | ` +
        `${ratio(floor.requestsPerSecond, ceilingRps).toFixed(2)}× | ${floor.serverCpuPercent.toFixed(0)} % | ` +
        `${mib(floor.rssAfterStartMiB)} | ${mib(floor.rssPeakMiB)} | ${Math.round(floor.firstOkMs)} ms |`,
    ),
  ];
}
