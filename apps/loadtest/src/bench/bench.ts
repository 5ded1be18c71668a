/**
 * `npm run bench`: accountservice against the runtime's ceiling, on this machine. Not a test: it
 * prints numbers and their ratios, and checks them against the targets in docs/PERFORMANCE.md.
 *
 * All servers run at once, pinned to core 0, and take turns under load from core 1: each path and
 * its reference are measured in alternating rounds, and the medians compared, so that a slow
 * moment of a shared machine does not land on one side of a ratio only.
 */
import { type Account, FALLBACK_QUOTE } from '@landscape/contracts';
import { builtMain, freePort, getJson, makeTempDir } from '@landscape/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProcessSource } from '../footprint/process-source';
import { errorTotal } from '../load/outcome';
import { type LoadResult, runLoad } from '../load/run-load';
import type { Scenario } from '../load/scenario';
import { measureAxiosFloor } from './axios-floor';
import { type BenchOptions, BENCH_USAGE, parseBenchOptions } from './bench-options';
import { type BenchServer, type ServerSpec, startBenchServer } from './bench-server';
import { type BenchResults, type Floor, formatResults, type Measured } from './bench-table';
import { pinCores } from './cores';
import { cpuProfilesIn, summarizeCpuProfile } from './cpu-profile';
import { type WrkPeak, wrkAvailable, wrkPeak } from './wrk';

const options = readOptions();

// --node=<version>: the whole bench, servers and load, on that Node.js (tools/node/fetch-node.sh),
// e.g. the images' runtime: npm run bench -- --node=$(cat .node-version)
if (options.node && `v${options.node}` !== process.version) {
  const bin = execFileSync('tools/node/fetch-node.sh', [options.node], { encoding: 'utf8' }).trim();
  const run = spawnSync(`${bin}/node`, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const { rounds, durationS, warmupS, connections, rate } = options;
const outDir = resolve('tmp', 'bench');
const profileDir = join(outDir, `profiles-${Date.now()}`);
const RAW = join(__dirname, 'raw-servers.js');
// The heap the services get in the stack: the images' CMD gives the old space half of the
// container's limit (--max-old-space-size-percentage=50, a Node 24 flag; 64 MiB of the stack's
// 128M) and 8 MiB semi-spaces.
const IMAGE_NODE_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=8'];

function readOptions(): BenchOptions {
  try {
    const parsed = parseBenchOptions(process.argv.slice(2));
    if (parsed !== 'help') return parsed;
    console.log(BENCH_USAGE);
    process.exit(0);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\nRun with --help for the options.`);
    process.exit(2);
  }
}

type Subject = 'ceiling' | 'accountPath' | 'rawPair' | 'chainFloor' | 'fullChain';
/** What wrk measures: the ceiling, the framework floors and the account path, in that order. */
type WrkSubject = Floor['name'];

async function load(server: BenchServer, scenario: Scenario): Promise<LoadResult> {
  const result = await runLoad({
    baseUrls: [server.url],
    path: '/accounts/{id}',
    scenario,
    timeoutMs: 10_000,
    footprint: [new ProcessSource(server.pid)],
  });
  const { errors } = result.run;
  if (errorTotal(errors) > 0) {
    throw new Error(`${server.url}: errors under load: ${JSON.stringify(errors)}`);
  }
  return result;
}

/**
 * Checks that a path answers what it is meant to measure: the fallback quote on the account path
 * (quotes-service down), a real quote on the full chain (no timeout, breaker closed).
 */
async function expectQuotes(server: BenchServer, fallback: boolean): Promise<void> {
  for (let index = 0; index < 20; index += 1) {
    const { status, body } = await getJson<Account>(`${server.url}/accounts/${10000 + index}`);
    const isFallback = body.quote?.ipAddress === FALLBACK_QUOTE.ipAddress;
    if (status !== 200 || isFallback !== fallback) {
      throw new Error(
        `${server.url} answered ${status} ${JSON.stringify(body)}: not the path under test`,
      );
    }
  }
}

/** The most resident memory the process has had (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(kib?.[1] ?? NaN) / 1024;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const cores = pinCores();
  const dataDirs = [
    makeTempDir('bench-account-path'),
    makeTempDir('bench-full-chain'),
    makeTempDir('bench-design-floor'),
  ];
  const profile = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const port = () => freePort();
  const accountservice = async (
    label: string,
    quotesUrl: string,
    dataDir: string,
  ): Promise<ServerSpec> => ({
    label,
    args: [...profile, ...IMAGE_NODE_FLAGS, builtMain('accountservice')],
    env: {
      DATA_DIR: dataDir,
      QUOTES_SERVICE_URL: quotesUrl,
      // Long enough that no quote times out under peak load: every answer of the full chain holds
      // a real quote and its breaker stays closed, so that it is the chain that is measured.
      QUOTES_TIMEOUT_MS: '5000',
    },
    port: await port(),
    readyPath: '/accounts/10000',
  });
  const raw = async (args: string[], readyPath: string): Promise<ServerSpec> => {
    const at = await port();
    return {
      label: `raw ${args.join(' ')}`,
      args: [RAW, args[0], String(at), ...args.slice(1)],
      port: at,
      readyPath,
    };
  };
  const floor = async (
    kind: 'fastify' | 'nest' | 'design' | 'quotes' | 'chain',
    { readyPath = '/accounts/10000', args = [] as string[] } = {},
  ): Promise<ServerSpec> => {
    const at = await port();
    return {
      label: `${kind} floor`,
      args: [...IMAGE_NODE_FLAGS, join(__dirname, `${kind}-floor.js`), String(at), ...args],
      port: at,
      readyPath,
    };
  };

  const servers: BenchServer[] = [];
  const start = async (spec: ServerSpec) => {
    const server = await startBenchServer(spec, cores.serverPrefix, join(outDir, 'logs'));
    servers.push(server);
    return server;
  };
  mkdirSync(outDir, { recursive: true });
  try {
    process.stderr.write(`bench: ${cores.description}\nstarting the servers…\n`);
    const nothingListens = `http://127.0.0.1:${await port()}`;
    const ceiling = await start(await raw(['account'], '/accounts/10000'));
    const accountPath = await start(
      await accountservice('account path', nothingListens, dataDirs[0].path),
    );
    const rawQuotes = await start(await raw(['quotes'], '/api/quote'));
    const rawPair = await start(await raw(['account', rawQuotes.url], '/accounts/10000'));
    const quotesFloor = await start(await floor('quotes', { readyPath: '/api/quote?strength=0' }));
    const chainFloor = await start(await floor('chain', { args: [quotesFloor.url] }));
    const quotesService = await start({
      label: 'quotes-service',
      args: [...IMAGE_NODE_FLAGS, builtMain('quotes-service')],
      port: await port(),
      readyPath: '/api/quote',
    });
    const fullChain = await start(
      await accountservice('full chain', quotesService.url, dataDirs[1].path),
    );
    const subjects: Record<Subject, BenchServer> = {
      ceiling,
      accountPath,
      rawPair,
      chainFloor,
      fullChain,
    };

    const peaks: Record<Subject, LoadResult[]> = {
      ceiling: [],
      accountPath: [],
      rawPair: [],
      chainFloor: [],
      fullChain: [],
    };
    const peak: Scenario = { kind: 'peak', connections, durationS };
    for (const [name, server] of Object.entries(subjects)) {
      process.stderr.write(`warm-up: ${name}, ${warmupS} s at peak\n`);
      await load(server, { ...peak, durationS: warmupS });
    }
    await expectQuotes(accountPath, true);
    await expectQuotes(chainFloor, false);
    await expectQuotes(fullChain, false);
    for (let round = 1; round <= rounds; round += 1) {
      for (const [name, server] of Object.entries(subjects) as [Subject, BenchServer][]) {
        const result = await load(server, peak);
        peaks[name].push(result);
        process.stderr.write(
          `round ${round}/${rounds}: ${name} ${Math.round(result.run.requestsPerSecond)} req/s, p99 ${result.run.p99Ms.toFixed(2)} ms\n`,
        );
      }
    }
    let floors: BenchResults['floors'];
    if (await wrkAvailable()) {
      const wrkSubjects: Record<WrkSubject, BenchServer> = {
        ceiling,
        fastifyFloor: await start(await floor('fastify')),
        nestFloor: await start(await floor('nest')),
        designFloor: await start(await floor('design', { args: [dataDirs[2].path] })),
        accountPath,
      };
      const runs: Record<WrkSubject, WrkPeak[]> = {
        ceiling: [],
        fastifyFloor: [],
        nestFloor: [],
        designFloor: [],
        accountPath: [],
      };
      const options = { connections, durationS, dir: outDir };
      // The ceiling and the account path were warmed up with the peak rounds; the floors not yet.
      for (const [name, server] of Object.entries(wrkSubjects)) {
        if (name in subjects) continue;
        await wrkPeak(server.url, server.pid, { ...options, durationS: warmupS });
      }
      for (let round = 1; round <= rounds; round += 1) {
        for (const [name, server] of Object.entries(wrkSubjects) as [WrkSubject, BenchServer][]) {
          const result = await wrkPeak(server.url, server.pid, options);
          runs[name].push(result);
          process.stderr.write(
            `wrk round ${round}/${rounds}: ${name} ${Math.round(result.requestsPerSecond)} req/s at ${result.serverCpuPercent.toFixed(0)} % CPU\n`,
          );
        }
      }
      const medianOf = (list: WrkPeak[]) => ({
        requestsPerSecond: median(list.map((r) => r.requestsPerSecond)),
        serverCpuPercent: median(list.map((r) => r.serverCpuPercent)),
      });
      floors = Object.entries(wrkSubjects).map(([name, server]) => ({
        name: name as WrkSubject,
        ...medianOf(runs[name as WrkSubject]),
        firstOkMs: server.firstOkMs,
        rssAfterStartMiB: server.rssAfterStartMiB,
        rssPeakMiB: peakRssMiB(server.pid),
      }));
    } else {
      process.stderr.write('wrk is not installed: no wrk peak (Debian: apt-get install wrk)\n');
    }
    // Alternating rounds here too: one 10 s window's p99 is the 100th slowest answer, which one
    // stall of the shared machine decides on its own.
    const steady: Scenario = { kind: 'rate', rate, connections, durationS: durationS * 2 };
    const steadyRuns: Record<'ceiling' | 'accountPath', LoadResult[]> = {
      ceiling: [],
      accountPath: [],
    };
    for (let round = 1; round <= rounds; round += 1) {
      for (const name of ['ceiling', 'accountPath'] as const) {
        const result = await load(subjects[name], steady);
        steadyRuns[name].push(result);
        process.stderr.write(
          `steady round ${round}/${rounds}: ${name} at ${rate} req/s, p99 ${result.run.p99Ms.toFixed(2)} ms\n`,
        );
      }
    }
    process.stderr.write('axios: its own cost per call, no network\n');
    const axiosFloor = await measureAxiosFloor();

    const measured = (name: Subject, atRate?: LoadResult[]): Measured => ({
      peakRps: median(peaks[name].map((result) => result.run.requestsPerSecond)),
      peakRounds: peaks[name].map((result) => result.run.requestsPerSecond),
      peakP99Ms: median(peaks[name].map((result) => result.run.p99Ms)),
      peakCpuPercent: median(peaks[name].map((result) => result.footprint[0].cpuMeanPercent)),
      firstOkMs: subjects[name].firstOkMs,
      rssAfterStartMiB: subjects[name].rssAfterStartMiB,
      rssPeakMiB: Math.max(...peaks[name].map((result) => result.footprint[0].memoryMaxMiB)),
      steady: atRate && {
        p50Ms: median(atRate.map((result) => result.run.p50Ms)),
        p99Ms: median(atRate.map((result) => result.run.p99Ms)),
        p99Rounds: atRate.map((result) => result.run.p99Ms),
        cpuPercent: median(atRate.map((result) => result.footprint[0].cpuMeanPercent)),
      },
    });
    const results: BenchResults = {
      ceiling: measured('ceiling', steadyRuns.ceiling),
      accountPath: measured('accountPath', steadyRuns.accountPath),
      rawPair: measured('rawPair'),
      chainFloor: measured('chainFloor'),
      fullChain: measured('fullChain'),
      floors,
      axiosFloor,
    };
    const setup = {
      node: process.version,
      cores: cores.description,
      rounds,
      durationS,
      connections,
      rate,
    };
    const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ setup, results }, null, 2));
    console.log(formatResults(results, setup));
    console.log(`\nraw numbers: ${file}`);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    dataDirs.forEach((dir) => dir.remove());
  }
  if (profile.length > 0) {
    for (const file of cpuProfilesIn(profileDir))
      console.log(`\n${file}\n${summarizeCpuProfile(file)}`);
  }
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
