import { workspaceRoot } from '@nx/devkit';
import { execFile } from 'node:child_process';
import { builtMain } from './built-service';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built load test tool (`nx run loadtest:build`) with these arguments to its end. */
export function runLoadtest(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  const main = builtMain('loadtest');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args],
      { cwd: workspaceRoot, timeout: timeoutMs },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}
