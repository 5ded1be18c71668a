import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  let breaker: CircuitBreaker;
  const states: string[] = [];

  const call = (ok: boolean): boolean => {
    if (!breaker.tryAcquire()) return false;
    if (ok) breaker.recordSuccess();
    else breaker.recordFailure();
    return true;
  };

  beforeEach(() => {
    now = 1_000_000;
    states.length = 0;
    breaker = new CircuitBreaker({ volumeThreshold: 4, resetMs: 5_000, now: () => now });
    breaker.onStateChange((state) => states.push(state));
  });

  it('stays closed below the volume threshold, whatever fails', () => {
    for (let i = 0; i < 3; i++) call(false);
    expect(breaker.state).toBe('closed');
  });

  it('opens when at least half of at least volumeThreshold calls failed: 2 of 4', () => {
    call(true);
    call(false);
    call(true);
    expect(breaker.state).toBe('closed');
    call(false);
    expect(breaker.state).toBe('open');
    expect(states).toEqual(['open']);
  });

  it('stays closed when fewer than half failed: 2 of 5', () => {
    call(true);
    call(true);
    call(false);
    call(true);
    call(false);
    expect(breaker.state).toBe('closed');
  });

  it('forgets calls older than the 10 s window', () => {
    call(false);
    call(false);
    call(false);
    now += 10_000;
    call(false);
    expect(breaker.state).toBe('closed');
  });

  it('refuses calls while open, then lets exactly one probe through after resetMs', () => {
    for (let i = 0; i < 4; i++) call(false);
    expect(breaker.tryAcquire()).toBe(false);
    now += 4_999;
    expect(breaker.state).toBe('open');
    now += 1;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('opens again when the probe fails, for another resetMs', () => {
    for (let i = 0; i < 4; i++) call(false);
    now += 5_000;
    expect(call(false)).toBe(true);
    expect(breaker.state).toBe('open');
    now += 4_999;
    expect(breaker.tryAcquire()).toBe(false);
    expect(states).toEqual(['open', 'open']);
  });

  it('open → probe succeeds → closed → one failure → still closed', () => {
    for (let i = 0; i < 4; i++) call(false);
    now += 5_000;
    expect(call(true)).toBe(true);
    expect(breaker.state).toBe('closed');
    call(true);
    call(true);
    call(false);
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'closed']);
  });
});
