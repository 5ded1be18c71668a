import { workspaceRoot } from '@nx/devkit';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a script of this workspace (`tools/cluster/up.sh`, say) from the workspace root, with these
 * variables over the environment, and resolves with its stdout; rejects with all its output.
 */
export async function workspaceScript(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<string> {
  try {
    const { stdout } = await run(join(workspaceRoot, script), args, {
      cwd: workspaceRoot,
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const { stdout, stderr, message } = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    throw new Error(`${script} ${args.join(' ')} failed: ${message}\n${stdout}\n${stderr}`);
  }
}

/** A command's stdout, also when it exits non-zero (pgrep, ls: nothing found). */
export async function outputOf(command: string, args: string[]): Promise<string> {
  try {
    return (await run(command, args)).stdout;
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? '';
  }
}
