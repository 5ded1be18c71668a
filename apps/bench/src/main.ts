/**
 * `npm run bench`: accountservice against reference servers and framework baselines, on this
 * machine. Not a test: it prints numbers and their ratios, and checks them against the targets
 * (targets.ts) that docs/PERFORMANCE.md explains.
 *
 * All servers run at once, pinned to core 0, and take turns under load from core 1: each subject
 * and its reference are measured in alternating rounds, and the medians compared, so that a slow
 * moment of a shared machine does not land on one side of a ratio only.
 */
import { type Account, FALLBACK_QUOTE } from '@landscape/contracts';
import { errorTotal, ProcessSource, runLoad, type Scenario } from '@landscape/load';
import { freePort, makeTempDir, type TempDir } from '@landscape/processes';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join, resolve } from 'node:path';
import { measureAxiosCost } from './axios-cost';
import { type BenchOptions, BENCH_USAGE, parseBenchOptions } from './bench-options';
import { type BenchServer, type ServerSpec, startBenchServer } from './bench-server';
import { pinCores } from './cores';
import { cpuProfilesIn, summarizeCpuProfile } from './cpu-profile';
import type { BenchResults, BenchSetup, Observed } from './results';
import { formatResults } from './results-table';
import {
  BACKENDS,
  type BackendName,
  type Measure,
  type Subject,
  type SubjectContext,
  SUBJECTS,
} from './subjects';
import { wrkAvailable, wrkPeak } from './wrk';

const options = readOptions();

// --node=<version>: the whole bench, servers and load, on that Node.js (tools/node/fetch-node.sh),
// e.g. the images' runtime: npm run bench -- --node=$(cat .node-version)
if (options.node && `v${options.node}` !== process.version) {
  const bin = execFileSync('tools/node/fetch-node.sh', [options.node], { encoding: 'utf8' }).trim();
  const run = spawnSync(`${bin}/node`, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const outDir = resolve('tmp', 'bench');
const profileDir = join(outDir, `profiles-${Date.now()}`);

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

async function load(server: BenchServer, scenario: Scenario) {
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
  return { run: result.run, footprint: result.footprint[0] };
}

function getAccount(url: string): Promise<{ status: number; body: Account }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
      );
    }).on('error', reject);
  });
}

/** Checks that a subject answers what it is meant to measure: the fallback quote, or a real one. */
async function expectQuotes(server: BenchServer, quote: 'fallback' | 'real'): Promise<void> {
  for (let index = 0; index < 20; index += 1) {
    const { status, body } = await getAccount(`${server.url}/accounts/${10000 + index}`);
    const isFallback = body.quote?.ipAddress === FALLBACK_QUOTE.ipAddress;
    if (status !== 200 || isFallback !== (quote === 'fallback')) {
      throw new Error(
        `${server.url} answered ${status} ${JSON.stringify(body)}: not the subject under test`,
      );
    }
  }
}

/** The most resident memory the process has had (VmHWM), in MiB. */
function highWaterMiB(pid: number): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(kib?.[1] ?? NaN) / 1024;
}

async function main(): Promise<void> {
  const { rounds, durationS, warmupS, connections, rate } = options;
  const cores = pinCores();
  const servers: BenchServer[] = [];
  const dataDirs: TempDir[] = [];
  const backends = new Map<BackendName, Promise<BenchServer>>();
  const start = async (spec: ServerSpec) => {
    const server = await startBenchServer(spec, cores.serverPrefix, join(outDir, 'logs'));
    servers.push(server);
    return server;
  };
  const nothingListens = `http://127.0.0.1:${await freePort()}`;
  const context = (port: number): SubjectContext => ({
    port,
    nothingListens,
    profile: options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    dataDir: () => {
      const dir = makeTempDir('bench');
      dataDirs.push(dir);
      return dir.path;
    },
    backend: async (name) => {
      if (!backends.has(name))
        backends.set(
          name,
          freePort().then((at) => start(BACKENDS[name](at))),
        );
      return (await (backends.get(name) as Promise<BenchServer>)).url;
    },
  });
  const withWrk = await wrkAvailable();
  if (!withWrk) {
    process.stderr.write('wrk is not installed: no wrk peak (Debian: apt-get install wrk)\n');
  }
  const measures = (subject: Subject): Measure[] =>
    subject.measures.filter((measure) => withWrk || measure !== 'wrk');

  mkdirSync(outDir, { recursive: true });
  try {
    process.stderr.write(`bench: ${cores.description}\nstarting the servers…\n`);
    const running: { subject: Subject; server: BenchServer; observed: Observed }[] = [];
    for (const subject of SUBJECTS.filter((candidate) => measures(candidate).length > 0)) {
      const server = await start(await subject.spec(context(await freePort())));
      const { firstOkMs, rssAfterStartMiB } = server;
      running.push({
        subject,
        server,
        observed: {
          firstOkMs,
          rssAfterStartMiB,
          rssHighWaterMiB: NaN,
          peak: [],
          wrk: [],
          steady: [],
        },
      });
    }
    const on = (measure: Measure) =>
      running.filter(({ subject }) => measures(subject).includes(measure));
    const peak: Scenario = { kind: 'peak', connections, durationS };
    const wrk = { connections, durationS, dir: outDir };

    for (const { subject, server } of running) {
      process.stderr.write(`warm-up: ${subject.name}, ${warmupS} s at peak\n`);
      if (measures(subject).includes('peak')) await load(server, { ...peak, durationS: warmupS });
      else await wrkPeak(server.url, server.pid, { ...wrk, durationS: warmupS });
      if (subject.quote) await expectQuotes(server, subject.quote);
    }
    for (let round = 1; round <= rounds; round += 1) {
      for (const { subject, server, observed } of on('peak')) {
        const { run, footprint } = await load(server, peak);
        observed.peak.push({
          rps: run.requestsPerSecond,
          p99Ms: run.p99Ms,
          cpuPercent: footprint.cpuMeanPercent,
          rssMaxMiB: footprint.memoryMaxMiB,
        });
        process.stderr.write(
          `round ${round}/${rounds}: ${subject.name} ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.p99Ms.toFixed(2)} ms\n`,
        );
      }
    }
    for (let round = 1; round <= rounds; round += 1) {
      for (const { subject, server, observed } of on('wrk')) {
        const result = await wrkPeak(server.url, server.pid, wrk);
        observed.wrk.push({ rps: result.requestsPerSecond, cpuPercent: result.serverCpuPercent });
        process.stderr.write(
          `wrk round ${round}/${rounds}: ${subject.name} ${Math.round(result.requestsPerSecond)} req/s at ${result.serverCpuPercent.toFixed(0)} % CPU\n`,
        );
      }
    }
    // Alternating rounds here too: one window's p99 is the 100th slowest answer, which one stall
    // of the shared machine decides on its own.
    const steady: Scenario = { kind: 'rate', rate, connections, durationS: durationS * 2 };
    for (let round = 1; round <= rounds; round += 1) {
      for (const { subject, server, observed } of on('steady')) {
        const { run, footprint } = await load(server, steady);
        observed.steady.push({
          p50Ms: run.p50Ms,
          p99Ms: run.p99Ms,
          cpuPercent: footprint.cpuMeanPercent,
        });
        process.stderr.write(
          `steady round ${round}/${rounds}: ${subject.name} at ${rate} req/s, p99 ${run.p99Ms.toFixed(2)} ms\n`,
        );
      }
    }
    process.stderr.write('axios: its own cost per call, no network\n');
    const axiosCost = await measureAxiosCost();
    for (const { server, observed } of running) observed.rssHighWaterMiB = highWaterMiB(server.pid);

    const results: BenchResults = {
      subjects: Object.fromEntries(
        running.map(({ subject, observed }) => [subject.name, observed]),
      ),
      axiosCost,
    };
    const setup: BenchSetup = {
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
  if (options.cpuProfile) {
    for (const file of cpuProfilesIn(profileDir)) {
      console.log(`\n${file}\n${summarizeCpuProfile(file)}`);
    }
  }
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
