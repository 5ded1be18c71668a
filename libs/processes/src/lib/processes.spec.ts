import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnNode } from './built-app';
import { freePort } from './free-port';
import { makeTempDir } from './temp-dir';

describe('the process helpers', () => {
  it('spawnNode runs node in production mode with the given environment and keeps its output', async () => {
    const child = spawnNode(
      ['-e', 'console.log(process.env.NODE_ENV, process.env.GREETING); console.error("to stderr")'],
      { GREETING: 'hello' },
    );
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.stdout).toBe('production hello\n');
    expect(child.stderr).toBe('to stderr\n');
  });

  it('stop sends a signal and resolves with the exit', async () => {
    const child = spawnNode(['-e', 'setInterval(() => undefined, 1000)'], {});
    expect(await child.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('freePort gives a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('makeTempDir makes a directory that remove() takes away with what it holds', () => {
    const dir = makeTempDir('processes-spec');
    writeFileSync(join(dir.path, 'file'), 'x');
    dir.remove();
    expect(existsSync(dir.path)).toBe(false);
  });
});
