import { workspaceRoot } from '@nx/devkit';
import { execFile } from 'node:child_process';
import { builtMain } from '@landscape/processes';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunningLoadtest {
  /** Stops the load as Ctrl-C does (requests in flight finish) and resolves with the run. */
  stop(): Promise<CliRun>;
  readonly done: Promise<CliRun>;
}

/**
 * Starts the built load test tool (`nx run loadtest:build`) with these arguments, and these
 * variables over the environment (a test's own process.env is Jest's copy: a child never sees it).
 */
export function startLoadtest(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 600_000,
): RunningLoadtest {
  const main = builtMain('loadtest');
  let stopping = false;
  const child = execFile(process.execPath, [main, ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env },
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve) =>
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return {
    done,
    stop: () => {
      if (!stopping && child.exitCode === null) {
        stopping = true;
        child.kill('SIGINT');
      }
      return done;
    },
  };
}

/** Runs the built load test tool with these arguments to its end. */
export function runLoadtest(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  return startLoadtest(args, {}, timeoutMs).done;
}

export interface LoadtestSummary {
  requests: number;
  /** Answers that were not 200, timeouts and connection errors. */
  errors: number;
  /** Answers by value of the --count-field field. */
  counted: Record<string, number>;
  /** The slowest answer. */
  maxMs: number;
  /** CPU and memory by footprint target, as the tool labels it: `service NAME`, `pid N`, … */
  footprint: Record<string, Footprint>;
}

export interface Footprint {
  cpuMeanPercent: number;
  cpuMaxPercent: number;
  memoryBeforeMiB: number;
  memoryMaxMiB: number;
}

const number = (text: string) => Number(text.replace(/,/g, ''));

/** The summary of a finished run; when there is none, the error carries what the tool said. */
export function summaryOfRun(run: CliRun): LoadtestSummary {
  try {
    return parseLoadtestSummary(run.stdout);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${run.stderr}`);
  }
}

/** The figures a test checks, read from the tool's one-screen summary. */
export function parseLoadtestSummary(stdout: string): LoadtestSummary {
  const requests = /^requests +([\d,]+) in /m.exec(stdout);
  const errors = /^errors +([\d,]+):/m.exec(stdout);
  const max = /^latency .* max ([\d.]+) ms$/m.exec(stdout);
  if (!requests || !errors || !max) throw new Error(`no load test summary in:\n${stdout}`);
  const counted: Record<string, number> = {};
  const line = /^counted +[\w.$]+: (.*)$/m.exec(stdout)?.[1] ?? '';
  for (const [, value, times] of line.matchAll(/(?:^|, )(.+?) ×([\d,]+)(?=, |$)/g)) {
    counted[value] = number(times);
  }
  const footprint: Record<string, Footprint> = {};
  const footprintLines =
    /^footprint +(.+): cpu mean (\d+) %, max (\d+) %; memory before ([\d.]+) MiB, max ([\d.]+) MiB$/gm;
  for (const [, label, cpuMean, cpuMax, before, memoryMax] of stdout.matchAll(footprintLines)) {
    footprint[label] = {
      cpuMeanPercent: Number(cpuMean),
      cpuMaxPercent: Number(cpuMax),
      memoryBeforeMiB: Number(before),
      memoryMaxMiB: Number(memoryMax),
    };
  }
  return {
    requests: number(requests[1]),
    errors: number(errors[1]),
    counted,
    maxMs: Number(max[1]),
    footprint,
  };
}
