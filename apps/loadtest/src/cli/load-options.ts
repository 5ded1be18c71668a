import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadPlan, Scenario } from '@landscape/load';

export type FootprintTarget = { pid: number } | { service: string } | { container: string };

/** The command line: the load plan, and where to read the footprint and write the report. */
export interface LoadOptions extends Omit<LoadPlan, 'footprint'> {
  footprint: FootprintTarget[];
  /** The Docker engines that --service and --container are read from; none: the default engine. */
  engines: string[];
  reportPath: string;
}

export class LoadOptionsError extends Error {}

export const USAGE = `Usage: nx run loadtest:run [options]

Scenarios (the article's run is the default):
  --users=N --duration=S [--ramp=10] [--pause=1]   N users ramped in over --ramp s, each looping
                                                   GET, pause, for S s (Gatling's during loop)
  --rate=R --duration=S [--connections=100]        R requests/s, evenly spaced (open model)
  --connections=N --duration=S                     peak: as fast as N connections go

Target:
  --baseUrl=http://localhost:6767   where to send the load; repeat it to send to several in turn
  --path=/accounts/{id}             what to GET; {id} cycles over the 100 seeded account ids
  --timeout=10000                   ms before an unanswered request counts as a timeout
  --count-field=quote.ipAddress     count the answers by this field of their JSON body

Footprint (repeatable), sampled every second:
  --pid=PID  --service=STACK_SERVICE  --container=NAME
  --engine=unix:///var/run/docker.sock   the Docker engine to read services and containers from
                                    (default DOCKER_HOST, else the local socket); repeat it with
                                    each node's engine to sum a service spread over a swarm

Report:
  --report=FILE                     HTML report (default tmp/loadtest/report-<time>.html)`;

const LIMITS = {
  users: [1, 100_000],
  connections: [1, 10_000],
  rate: [1, 1_000_000],
  duration: [1, 3_600],
  ramp: [0, 3_600],
  pause: [0, 3_600],
  timeout: [1, 600_000],
} as const;

type Limited = keyof typeof LIMITS;

/** Parses the command line; throws LoadOptionsError, with a message fit for the user, when it is wrong. */
export function parseLoadOptions(argv: string[], now = new Date()): LoadOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        baseUrl: { type: 'string', multiple: true, default: ['http://localhost:6767'] },
        path: { type: 'string', default: '/accounts/{id}' },
        users: { type: 'string' },
        ramp: { type: 'string', default: '10' },
        pause: { type: 'string', default: '1' },
        duration: { type: 'string', default: '30' },
        rate: { type: 'string' },
        connections: { type: 'string' },
        timeout: { type: 'string', default: '10000' },
        'count-field': { type: 'string' },
        pid: { type: 'string', multiple: true, default: [] },
        service: { type: 'string', multiple: true, default: [] },
        container: { type: 'string', multiple: true, default: [] },
        engine: { type: 'string', multiple: true, default: [] },
        report: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new LoadOptionsError((error as Error).message);
  }
  if (values.help) return 'help';

  const number = (name: Limited, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    const [min, max] = LIMITS[name];
    if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new LoadOptionsError(`--${name} must be a number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  const whole = (name: Limited, text: string | undefined): number | undefined => {
    const value = number(name, text);
    if (value !== undefined && !Number.isInteger(value)) {
      throw new LoadOptionsError(`--${name} must be a whole number, got "${text}"`);
    }
    return value;
  };

  const users = whole('users', values.users);
  const rate = number('rate', values.rate);
  const connections = whole('connections', values.connections);
  const durationS = number('duration', values.duration) as number;
  if (users !== undefined && (rate !== undefined || connections !== undefined)) {
    throw new LoadOptionsError(
      '--users runs the article scenario; it cannot be combined with --rate or --connections',
    );
  }

  let scenario: Scenario;
  if (rate !== undefined) {
    scenario = { kind: 'rate', rate, durationS, connections: connections ?? 100 };
  } else if (connections !== undefined) {
    scenario = { kind: 'peak', connections, durationS };
  } else {
    scenario = {
      kind: 'article',
      users: users ?? 1000,
      rampS: number('ramp', values.ramp) as number,
      pauseS: number('pause', values.pause) as number,
      durationS,
    };
  }

  return {
    baseUrls: values.baseUrl.map(parseBaseUrl),
    ...(values['count-field'] !== undefined && { countField: parseField(values['count-field']) }),
    path: parsePath(values.path),
    scenario,
    timeoutMs: whole('timeout', values.timeout) as number,
    footprint: [
      ...values.pid.map((pid) => ({ pid: parsePid(pid) })),
      ...values.service.map((service) => ({ service: parseName('service', service) })),
      ...values.container.map((container) => ({ container: parseName('container', container) })),
    ],
    engines: values.engine.map(parseEngine),
    reportPath:
      values.report ??
      join('tmp', 'loadtest', `report-${now.toISOString().replace(/[:.]/g, '-')}.html`),
  };
}

function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LoadOptionsError(`--baseUrl must be an http:// or https:// URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LoadOptionsError(`--baseUrl must be an http:// or https:// URL, got "${text}"`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new LoadOptionsError(
      `--baseUrl is an origin only (put the rest in --path), got "${text}"`,
    );
  }
  return url.origin;
}

function parseField(text: string): string {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(text)) {
    throw new LoadOptionsError(
      `--count-field must be a dotted field path such as quote.ipAddress, got "${text}"`,
    );
  }
  return text;
}

function parsePath(text: string): string {
  if (!text.startsWith('/') || /\s/.test(text)) {
    throw new LoadOptionsError(`--path must start with / and hold no spaces, got "${text}"`);
  }
  return text;
}

function parsePid(text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text))
    throw new LoadOptionsError(`--pid must be a process id, got "${text}"`);
  return Number(text);
}

function parseEngine(text: string): string {
  const wrong = () =>
    new LoadOptionsError(
      `--engine must be unix:///path/to/docker.sock or tcp://host:port, got "${text}"`,
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw wrong();
  }
  const socket = url.protocol === 'unix:' && url.host === '' && url.pathname.length > 1;
  const tcp = url.protocol === 'tcp:' && url.hostname !== '' && url.port !== '';
  if (!(socket || tcp) || url.search || url.hash) throw wrong();
  return text;
}

function parseName(option: string, text: string): string {
  if (!/^[\w][\w.-]*$/.test(text)) {
    throw new LoadOptionsError(`--${option} must be a Docker ${option} name or id, got "${text}"`);
  }
  return text;
}
