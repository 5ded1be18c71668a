/**
 * `npm run bench`: accountservice against the runtime's ceiling, on this machine. Not a test: it
 * prints numbers and their ratios, and checks them against the targets in docs/PERFORMANCE.md.
 */
import { builtMain, freePort, makeTempDir } from '@landscape/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ProcessSource } from '../footprint/process-source';
import { type LoadResult, runLoad } from '../load/run-load';
import type { Scenario } from '../load/scenario';
import { type BenchServer, type ServerSpec, startBenchServer } from './bench-server';
import { type CorePlan, pinCores } from './cores';
import { formatResults, type Measured } from './bench-table';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '1000' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);
const connections = Number(values.connections);
const rate = Number(values.rate);
const outDir = resolve('tmp', 'bench');
const RAW = join(__dirname, 'raw-servers.js');
const PATH = '/accounts/{id}';

async function load(server: BenchServer, scenario: Scenario): Promise<LoadResult> {
  const result = await runLoad({
    baseUrl: server.url,
    path: PATH,
    scenario,
    timeoutMs: 10_000,
    footprint: [new ProcessSource(server.pid)],
  });
  const { errors } = result.run;
  if (errors.status + errors.timeout + errors.connection > 0) {
    throw new Error(`${server.url}: errors under load: ${JSON.stringify(errors)}`);
  }
  return result;
}

/** Warm-up, then peak, then (when asked) a steady rate, each on a fresh pool. */
async function measure(server: BenchServer, steady: boolean): Promise<Measured> {
  process.stderr.write(
    `  warm-up ${warmupS} s, peak ${durationS} s${steady ? `, ${rate} req/s ${durationS} s` : ''}\n`,
  );
  await load(server, { kind: 'peak', connections, durationS: warmupS });
  const peak = await load(server, { kind: 'peak', connections, durationS });
  const atRate = steady
    ? await load(server, { kind: 'rate', rate, connections, durationS })
    : undefined;
  return {
    peakRps: peak.run.requestsPerSecond,
    peakP99Ms: peak.run.p99Ms,
    peakCpuPercent: peak.footprint[0].cpuMeanPercent,
    firstOkMs: server.firstOkMs,
    rssAfterStartMiB: server.rssAfterStartMiB,
    rssPeakMiB: peak.footprint[0].memoryMaxMiB,
    steady: atRate && {
      p50Ms: atRate.run.p50Ms,
      p99Ms: atRate.run.p99Ms,
      cpuPercent: atRate.footprint[0].cpuMeanPercent,
    },
  };
}

async function withServers<T>(
  specs: ServerSpec[],
  cores: CorePlan,
  work: (front: BenchServer) => Promise<T>,
): Promise<T> {
  const started: BenchServer[] = [];
  try {
    for (const spec of specs) started.push(await startBenchServer(spec, cores.serverPrefix));
    return await work(started[started.length - 1]);
  } finally {
    for (const server of started.reverse()) await server.stop();
  }
}

async function main(): Promise<void> {
  const cores = pinCores();
  const dataDir = makeTempDir('bench-accountservice');
  const profileArgs = values['cpu-prof']
    ? [`--cpu-prof`, `--cpu-prof-dir=${join(outDir, 'profiles')}`]
    : [];
  const [frontPort, backPort] = [await freePort(), await freePort()];
  const downUrl = `http://127.0.0.1:${await freePort()}`; // nothing listens there
  const accountservice = (quotesUrl: string): ServerSpec => ({
    label: 'accountservice',
    args: [...profileArgs, builtMain('accountservice')],
    env: {
      DATA_DIR: dataDir.path,
      QUOTES_SERVICE_URL: quotesUrl,
      // Long enough that no quote times out under peak load, so that every answer holds a real
      // quote and the breaker stays closed: the chain's throughput, not its fallback's.
      QUOTES_TIMEOUT_MS: quotesUrl === downUrl ? '300' : '5000',
    },
    port: frontPort,
    readyPath: '/accounts/10000',
  });
  const quotesService: ServerSpec = {
    label: 'quotes-service',
    args: [builtMain('quotes-service')],
    port: backPort,
    readyPath: '/api/quote?strength=0',
  };
  const raw = (args: string[], port: number, readyPath: string): ServerSpec => ({
    label: `raw ${args[0]}`,
    args: [RAW, ...args],
    port,
    readyPath,
  });

  try {
    process.stderr.write(
      `bench: ${cores.description}\nceiling: raw node:http accounts from a Map\n`,
    );
    const ceiling = await withServers(
      [raw(['account', String(frontPort)], frontPort, '/accounts/10000')],
      cores,
      (s) => measure(s, true),
    );
    process.stderr.write('account path: accountservice, quotes-service down, breaker open\n');
    const accountPath = await withServers([accountservice(downUrl)], cores, (s) =>
      measure(s, true),
    );
    process.stderr.write('full chain: accountservice → quotes-service\n');
    const fullChain = await withServers(
      [quotesService, accountservice(`http://127.0.0.1:${backPort}`)],
      cores,
      (s) => measure(s, false),
    );
    process.stderr.write('raw pair: raw accounts → raw quotes over keep-alive\n');
    const rawPair = await withServers(
      [
        raw(['quotes', String(backPort)], backPort, '/api/quote'),
        raw(
          ['account', String(frontPort), `http://127.0.0.1:${backPort}`],
          frontPort,
          '/accounts/10000',
        ),
      ],
      cores,
      (s) => measure(s, false),
    );
    const results = { ceiling, accountPath, fullChain, rawPair };
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify({ cores: cores.description, durationS, connections, rate, results }, null, 2),
    );
    console.log(formatResults(results, { cores: cores.description, durationS, connections, rate }));
    console.log(`\nraw numbers: ${file}`);
  } finally {
    dataDir.remove();
  }
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
