import { parseArgs } from 'node:util';

export interface BenchOptions {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  rate: number;
  cpuProfile: boolean;
  /** Run the whole bench on this Node.js version (tools/node/fetch-node.sh). */
  node?: string;
}

export const BENCH_USAGE = `npm run bench [-- options]

  --rounds=N        alternating rounds per measure (default 3)
  --duration=S      seconds per round at peak; the fixed rate runs twice as long (default 5)
  --warmup=S        seconds of warm-up at peak per server (default 3)
  --connections=N   connections at peak (default 50)
  --rate=N          requests per second of the fixed-rate phase (default 1000)
  --cpu-prof        profile accountservice and print where its time goes
  --node=VERSION    run the servers and the load on that Node.js, e.g. 24.21.0
  -h, --help        this text`;

/** [min, max] of each number: bounds that keep every load finite. */
const LIMITS = {
  rounds: [1, 20],
  duration: [1, 120],
  warmup: [1, 60],
  connections: [1, 1000],
  rate: [1, 100_000],
} as const;

/** Parses the bench's command line; throws an Error with a message fit for the user. */
export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      rate: { type: 'string', default: '1000' },
      'cpu-prof': { type: 'boolean', default: false },
      node: { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const whole = (name: keyof typeof LIMITS): number => {
    const text = values[name];
    const value = Number(text);
    const [min, max] = LIMITS[name];
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  if (values.node !== undefined && !/^\d+\.\d+\.\d+$/.test(values.node)) {
    throw new Error(`--node must be a version such as 24.21.0, got "${values.node}"`);
  }
  return {
    rounds: whole('rounds'),
    durationS: whole('duration'),
    warmupS: whole('warmup'),
    connections: whole('connections'),
    rate: whole('rate'),
    cpuProfile: values['cpu-prof'],
    node: values.node,
  };
}
