import { parseBenchOptions } from './bench-options';

describe('parseBenchOptions', () => {
  it('has the defaults that docs/PERFORMANCE.md describes', () => {
    expect(parseBenchOptions([])).toEqual({
      rounds: 3,
      durationS: 5,
      warmupS: 3,
      connections: 50,
      rate: 1000,
      cpuProfile: false,
      node: undefined,
    });
  });

  it('reads every option', () => {
    expect(
      parseBenchOptions([
        '--rounds=1',
        '--duration=2',
        '--warmup=1',
        '--connections=10',
        '--rate=500',
        '--cpu-prof',
        '--node=24.21.0',
      ]),
    ).toEqual({
      rounds: 1,
      durationS: 2,
      warmupS: 1,
      connections: 10,
      rate: 500,
      cpuProfile: true,
      node: '24.21.0',
    });
  });

  it('answers help', () => {
    expect(parseBenchOptions(['--help'])).toBe('help');
    expect(parseBenchOptions(['-h'])).toBe('help');
  });

  it.each([
    [['--rounds=abc'], '--rounds must be a whole number from 1 to 20, got "abc"'],
    [['--rounds=0'], '--rounds must be a whole number from 1 to 20, got "0"'],
    [['--duration=1.5'], '--duration must be a whole number from 1 to 120, got "1.5"'],
    [['--connections=5000'], '--connections must be a whole number from 1 to 1000, got "5000"'],
    [['--node=latest'], '--node must be a version such as 24.21.0, got "latest"'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('rejects %p', (argv, message) => {
    expect(() => parseBenchOptions(argv)).toThrow(message);
  });
});
