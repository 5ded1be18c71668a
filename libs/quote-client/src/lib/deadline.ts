import { cpuWaitMs } from './cpu-wait';

export interface Deadline {
  /** Aborts, with a TimeoutError, once the budget is spent. */
  readonly signal: AbortSignal;
  /** Ends the deadline when the call is over. */
  clear(): void;
}

/** Whatever is given back, a call is over after this many budgets. */
const MAX_BUDGETS = 5;

/**
 * An abort signal for a call's time budget that counts the time the call waited for its peer,
 * not the time this process could not run:
 * - the time its event loop's thread waited for a CPU (a busy machine, a container short of its
 *   CPU share), which the peer did not cause, is not charged;
 * - a timer that fires late for another reason (a paused container, an event loop held up by
 *   this process's own work) may find the answer in the socket unread, or the request only just
 *   sent: it gives the call back the time it was late, once.
 * Either way a call is over after MAX_BUDGETS budgets.
 * `waitedMs` is the source of the CPU wait (cpuWaitMs).
 */
export function startDeadline(
  budgetMs: number,
  reason = 'call timed out',
  waitedMs: () => number = cpuWaitMs,
): Deadline {
  const controller = new AbortController();
  const started = performance.now();
  const waitedBefore = waitedMs();
  // The time the call may be charged; raised once, when a timer fires late.
  let limit = budgetMs;
  let firesAt = started + budgetMs;
  let extended = false;
  let timer: NodeJS.Timeout;
  function expire() {
    const now = performance.now();
    const elapsed = now - started;
    const charged = elapsed - (waitedMs() - waitedBefore);
    const late = now - firesAt;
    // Whatever part of the lateness was CPU wait, the request may only now have gone out: it
    // gets the lateness (at most a budget) from here, once.
    if (!extended && late >= 1) {
      extended = true;
      limit = Math.max(limit, charged + Math.min(late, budgetMs));
    }
    const left = budgetMs * MAX_BUDGETS - elapsed;
    if (left >= 1 && charged < limit - 1) {
      const ms = Math.min(limit - charged, left);
      firesAt = now + ms;
      timer = setTimeout(expire, ms);
      return;
    }
    controller.abort(new DOMException(reason, 'TimeoutError'));
  }
  timer = setTimeout(expire, budgetMs);
  return {
    signal: controller.signal,
    clear: () => clearTimeout(timer),
  };
}
