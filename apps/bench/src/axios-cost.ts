import { quoteRequestConfig, startDeadline } from '@landscape/quote-client';
import axios, { type AxiosAdapter } from 'axios';

export interface AxiosCost {
  /** CPU time of one quote call's axios pipeline alone, in µs: an adapter that answers at once. */
  pipelineUs: number;
  /** The same of the deadline (libs/quote-client's startDeadline) that bounds each call. */
  deadlineUs: number;
}

const CALLS = 20_000;

/**
 * What axios itself costs per call, measured with the quote call's own per-call config and
 * deadline (libs/quote-client) over an adapter that answers at once: the part of the full
 * chain's client side that no transport can take away while axios stays.
 */
export async function measureAxiosCost(): Promise<AxiosCost> {
  const answer: AxiosAdapter = async (config) => ({
    data: { service: 'quotes-service', quote: 'q', language: 'en', ipAddress: '127.0.0.1' },
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    config,
  });
  const instance = axios.create({ adapter: answer });
  const underDeadline = async (call: (signal: AbortSignal) => Promise<unknown>) => {
    const deadline = startDeadline(1_000);
    try {
      await call(deadline.signal);
    } finally {
      deadline.clear();
    }
  };
  const call = () =>
    underDeadline((signal) =>
      instance.get(
        'http://quotes-service:8080/api/quote?strength=4',
        quoteRequestConfig({ 'x-request-id': 'bench-request-id' }, signal),
      ),
    );
  const cpuUsPer = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < CALLS / 4; i += 1) await run(); // warm-up: let V8 optimise
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i += 1) await run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / CALLS;
  };
  const callUs = await cpuUsPer(call);
  const deadlineOnly = await cpuUsPer(() => underDeadline(() => Promise.resolve()));
  return { pipelineUs: callUs - deadlineOnly, deadlineUs: deadlineOnly };
}
