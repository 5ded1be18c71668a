import { Recorder } from './recorder';

describe('Recorder', () => {
  it('gives percentiles, mean and max of the latencies, in ms', () => {
    const recorder = new Recorder();
    for (let us = 1; us <= 1000; us += 1) recorder.record({ latencyUs: us * 10, status: 200 });
    const run = recorder.finish();
    expect(run.requests).toBe(1000);
    expect(run.meanMs).toBeCloseTo(5.005, 2);
    expect(run.p50Ms).toBeCloseTo(5, 1);
    expect(run.p90Ms).toBeCloseTo(9, 1);
    expect(run.p99Ms).toBeCloseTo(9.9, 1);
    expect(run.maxMs).toBeCloseTo(10, 1);
  });

  it('counts errors by kind and failed statuses by code', () => {
    const recorder = new Recorder();
    recorder.record({ latencyUs: 100, status: 200 });
    recorder.record({ latencyUs: 100, status: 503, error: 'status' });
    recorder.record({ latencyUs: 100, status: 503, error: 'status' });
    recorder.record({ latencyUs: 100, status: 404, error: 'status' });
    recorder.record({ latencyUs: 5_000, error: 'timeout' });
    recorder.record({ latencyUs: 50, error: 'connection' });
    const run = recorder.finish();
    expect(run.errors).toEqual({ status: 3, timeout: 1, connection: 1 });
    expect(run.statuses).toEqual({ '503': 2, '404': 1 });
    expect(recorder.errorCount).toBe(5);
  });

  it('closes one interval per tick with its own counts', () => {
    const recorder = new Recorder();
    recorder.record({ latencyUs: 1_000, status: 200 });
    recorder.record({ latencyUs: 3_000, status: 500, error: 'status' });
    const first = recorder.tick(7);
    recorder.record({ latencyUs: 10_000, status: 200 });
    const run = recorder.finish(2);
    expect(first).toMatchObject({ requests: 2, errors: 1, concurrency: 7, maxMs: 3 });
    expect(run.intervals).toHaveLength(2);
    expect(run.intervals[1]).toMatchObject({ requests: 1, errors: 0, concurrency: 2 });
    expect(run.intervals[1].p50Ms).toBeCloseTo(10, 1);
  });

  it('spreads every request over 40 equal-width distribution buckets', () => {
    const recorder = new Recorder();
    for (let index = 0; index < 900; index += 1) recorder.record({ latencyUs: 1_000, status: 200 });
    for (let index = 0; index < 100; index += 1) recorder.record({ latencyUs: 5_000, status: 200 });
    const { distribution } = recorder.finish();
    expect(distribution).toHaveLength(40);
    expect(distribution.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(1000);
    expect(distribution[0]).toMatchObject({ fromMs: 1, requests: 900 });
    expect(distribution[39].requests).toBe(100);
    const width = distribution[0].toMs - distribution[0].fromMs;
    distribution.forEach((bucket) => expect(bucket.toMs - bucket.fromMs).toBeCloseTo(width, 6));
  });

  it('gives zeros, not NaN, for a run without requests', () => {
    const run = new Recorder().finish();
    expect(run).toMatchObject({
      requests: 0,
      meanMs: 0,
      p99Ms: 0,
      distribution: [],
      intervals: [],
    });
  });
});
