import { FALLBACK_QUOTE } from '@landscape/contracts';
import { type LoadtestSummary } from './loadtest-cli';

/**
 * Answers that carried the fallback quote: accountservice's quote call failed or ran out of time.
 * The run must have counted `--count-field=quote.ipAddress`.
 */
export const fallbackQuotes = (run: LoadtestSummary) => run.counted[FALLBACK_QUOTE.ipAddress] ?? 0;

/** A load run on accountservice in one line of a test's summary. */
export const describeLoad = (run: LoadtestSummary) =>
  `${run.requests} requests, ${run.errors} not 200, ${fallbackQuotes(run)} with the fallback quote, slowest ${run.maxMs} ms`;
