import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's slowhttptest, which the `slowhttptest` target installs (tools/ensure-debian-tools.sh). */
const SLOWHTTPTEST = '/usr/bin/slowhttptest';

export function slowClientsAvailable(): boolean {
  return existsSync(SLOWHTTPTEST);
}

export interface SlowClients {
  /** Resolves when the attack is over. */
  readonly done: Promise<void>;
  stop(): void;
}

export interface SlowClientOptions {
  /**
   * `headers`: request lines sent, headers never finished (slowhttptest's slowloris);
   * `body`: a body that trickles (slowhttptest's R-U-Dead-Yet);
   * `big-headers`: 16,000 bytes of headers at once, never finished: the most that one connection
   * can make a server hold (Node refuses headers over 16 KiB).
   */
  kind: 'headers' | 'body' | 'big-headers';
  connections: number;
  perSecond: number;
  seconds: number;
}

/** Opens connections and holds them, in a process of its own so that it costs the tests' none. */
const BIG_HEADERS = `
const [url, connections, perSecond, seconds] = process.argv.slice(1);
const { hostname, port, pathname, search } = new URL(url);
const head = 'GET ' + pathname + search + ' HTTP/1.1\\r\\nHost: x\\r\\nX-Fill: ' + 'a'.repeat(16000);
let opened = 0;
const tick = setInterval(() => {
  for (let i = 0; i < perSecond / 50 && opened < connections; i++, opened++) {
    const socket = require('node:net').connect(Number(port), hostname, () => socket.write(head));
    socket.on('error', () => undefined);
  }
}, 20);
setTimeout(() => process.exit(0), seconds * 1000);
`;

/** Slow clients against `url`, as an attacker runs them. */
export function startSlowClients(url: string, options: SlowClientOptions): SlowClients {
  const { connections, perSecond, seconds } = options;
  const counts = [connections, perSecond, seconds].map(String);
  const command =
    options.kind === 'big-headers'
      ? [process.execPath, '-e', BIG_HEADERS, url, ...counts]
      : [
          SLOWHTTPTEST,
          options.kind === 'headers' ? '-H' : '-B',
          '-t',
          'GET',
          '-c',
          counts[0],
          '-r',
          counts[1],
          '-l',
          counts[2],
          '-u',
          url,
        ];
  // Each connection needs a file descriptor: the soft limit is raised to the hard one. The
  // attack runs at the lowest CPU priority: here it shares the cores of the service it attacks,
  // which a real attacker does not, and its own work must not count as the service's slowness.
  const child: ChildProcess = spawn(
    'nice',
    ['-n', '19', 'bash', '-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'attack', ...command],
    { stdio: 'ignore' },
  );
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', () => resolve());
  });
  return { done, stop: () => child.kill('SIGINT') };
}
