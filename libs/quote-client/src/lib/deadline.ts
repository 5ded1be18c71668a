export interface Deadline {
  /** Aborts, with a TimeoutError, once the budget is spent. */
  readonly signal: AbortSignal;
  /** Ends the deadline when the call is over. */
  clear(): void;
}

/**
 * An abort signal for a call's time budget that counts the time the call waited, not the time
 * this process did not run. A timer fires late when the process was not scheduled (a busy
 * machine, a paused container) or its event loop was held up, and by then the answer may be in
 * the socket unread, or the request may have gone out only just now: a timer that fires late
 * gives the call back the time it was late, once. A call is then over after at most twice the
 * budget plus the time the process was stalled.
 */
export function startDeadline(budgetMs: number, reason = 'call timed out'): Deadline {
  const controller = new AbortController();
  const due = performance.now() + budgetMs;
  let extended = false;
  const expire = () => {
    const late = performance.now() - due;
    if (!extended && late >= 1) {
      extended = true;
      timer = setTimeout(expire, Math.min(late, budgetMs));
      return;
    }
    controller.abort(new DOMException(reason, 'TimeoutError'));
  };
  let timer = setTimeout(expire, budgetMs);
  return {
    signal: controller.signal,
    clear: () => clearTimeout(timer),
  };
}
