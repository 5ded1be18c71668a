import { readFileSync } from 'node:fs';

/** Readings this close together are one: calls that start together share a reading. */
const READING_REUSE_MS = 5;
/** The main thread's scheduler statistics: time run, time waited for a CPU, slices (in ns). */
const SCHEDSTAT = '/proc/self/schedstat';

let supported = true;
let readAt = -Infinity;
let lastMs = 0;

/**
 * The milliseconds this process's main thread, the one that runs the event loop, has spent ready
 * to run but waiting for a CPU since it started: time the machine or the container's CPU share
 * took from it. Linux only; elsewhere it stays 0. Accurate to READING_REUSE_MS.
 */
export function cpuWaitMs(): number {
  if (!supported) return 0;
  const now = performance.now();
  if (now - readAt < READING_REUSE_MS) return lastMs;
  try {
    const waitedNs = Number(readFileSync(SCHEDSTAT, 'latin1').split(' ')[1]);
    if (!Number.isFinite(waitedNs)) throw new Error(`${SCHEDSTAT} has no wait time`);
    lastMs = waitedNs / 1e6;
    readAt = now;
  } catch {
    supported = false;
    lastMs = 0;
  }
  return lastMs;
}
