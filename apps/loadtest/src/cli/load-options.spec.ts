import { LoadOptionsError, parseLoadOptions } from './load-options';

const parse = (...argv: string[]) => parseLoadOptions(argv, new Date('2026-01-02T03:04:05.678Z'));

describe('parseLoadOptions', () => {
  it('runs the article scenario by default: 1000 users over 10 s, 1 s pause, 30 s', () => {
    expect(parse()).toEqual({
      baseUrls: ['http://localhost:6767'],
      path: '/accounts/{id}',
      scenario: { kind: 'article', users: 1000, rampS: 10, pauseS: 1, durationS: 30 },
      timeoutMs: 10_000,
      footprint: [],
      engines: [],
      reportPath: 'tmp/loadtest/report-2026-01-02T03-04-05-678Z.html',
    });
  });

  it("takes the article's flags", () => {
    const options = parse('--users=1000', '--duration=30', '--baseUrl=http://192.168.99.100:6767');
    expect(options).toMatchObject({
      baseUrls: ['http://192.168.99.100:6767'],
      scenario: { kind: 'article', users: 1000, durationS: 30 },
    });
  });

  it('takes several --baseUrl values, and a field to count', () => {
    expect(
      parse(
        '--baseUrl=http://10.0.0.1:6767',
        '--baseUrl=http://10.0.0.2:6767',
        '--count-field=quote.ipAddress',
      ),
    ).toMatchObject({
      baseUrls: ['http://10.0.0.1:6767', 'http://10.0.0.2:6767'],
      countField: 'quote.ipAddress',
    });
  });

  it('runs at a fixed rate when given --rate, and at peak when given only --connections', () => {
    expect(parse('--rate=1000', '--duration=20')).toMatchObject({
      scenario: { kind: 'rate', rate: 1000, durationS: 20, connections: 100 },
    });
    expect(parse('--rate=2.5', '--connections=4')).toMatchObject({
      scenario: { kind: 'rate', rate: 2.5, connections: 4 },
    });
    expect(parse('--connections=50', '--duration=10')).toMatchObject({
      scenario: { kind: 'peak', connections: 50, durationS: 10 },
    });
  });

  it('collects footprint targets of every kind', () => {
    expect(
      parse('--pid=42', '--pid=43', '--service=landscape_accountservice', '--container=db-1'),
    ).toMatchObject({
      footprint: [
        { pid: 42 },
        { pid: 43 },
        { service: 'landscape_accountservice' },
        { container: 'db-1' },
      ],
    });
  });

  it('takes the Docker engines to read footprint from, one per node of a swarm', () => {
    expect(
      parse(
        '--service=landscape_accountservice',
        '--engine=unix:///var/lib/landscape-cluster/n1/docker.sock',
        '--engine=tcp://10.213.0.12:2375',
      ),
    ).toMatchObject({
      footprint: [{ service: 'landscape_accountservice' }],
      engines: ['unix:///var/lib/landscape-cluster/n1/docker.sock', 'tcp://10.213.0.12:2375'],
    });
  });

  it('answers help', () => {
    expect(parse('--help')).toBe('help');
  });

  it.each([
    [['--rate=abc'], '--rate must be a number from 1 to 1000000, got "abc"'],
    [['--users=0'], '--users must be a number from 1 to 100000, got "0"'],
    [['--users=1.5'], '--users must be a whole number, got "1.5"'],
    [['--duration=7200'], '--duration must be a number from 1 to 3600, got "7200"'],
    [['--duration='], '--duration must be a number from 1 to 3600, got ""'],
    [
      ['--users=10', '--rate=5'],
      '--users runs the article scenario; it cannot be combined with --rate or --connections',
    ],
    [
      ['--baseUrl=localhost:6767'],
      '--baseUrl must be an http:// or https:// URL, got "localhost:6767"',
    ],
    [['--baseUrl=ftp://host'], '--baseUrl must be an http:// or https:// URL, got "ftp://host"'],
    [
      ['--baseUrl=http://host/accounts'],
      '--baseUrl is an origin only (put the rest in --path), got "http://host/accounts"',
    ],
    [['--path=accounts'], '--path must start with / and hold no spaces, got "accounts"'],
    [['--pid=-1'], '--pid must be a process id, got "-1"'],
    [['--service=a;b'], '--service must be a Docker service name or id, got "a;b"'],
    ...['/var/run/docker.sock', 'unix://', 'tcp://host', 'http://host:2375'].map(
      (engine): [string[], string] => [
        [`--engine=${engine}`],
        `--engine must be unix:///path/to/docker.sock or tcp://host:port, got "${engine}"`,
      ],
    ),
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parse(...argv)).toThrow(new LoadOptionsError(message));
  });
});
