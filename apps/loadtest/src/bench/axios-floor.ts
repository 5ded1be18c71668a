import axios, { type AxiosAdapter } from 'axios';
import { quoteCallConfig, withDeadline } from './quote-call';

export interface AxiosFloor {
  /** CPU time of one quote call's axios pipeline alone, in µs: an adapter that answers at once. */
  pipelineUs: number;
  /** The same of the AbortController and timer that bound each call. */
  deadlineUs: number;
}

const CALLS = 20_000;

/**
 * What axios itself costs per call, measured with the quote client's per-call config (headers,
 * signal, maxContentLength, validateStatus) and deadline over an adapter that answers at once: the
 * floor of the full chain's client side that no transport can take away while axios stays.
 */
export async function measureAxiosFloor(): Promise<AxiosFloor> {
  const answer: AxiosAdapter = async (config) => ({
    data: { service: 'quotes-service', quote: 'q', language: 'en', ipAddress: '127.0.0.1' },
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    config,
  });
  const instance = axios.create({ adapter: answer });
  const call = () =>
    withDeadline(1_000, (signal) =>
      instance.get(
        'http://quotes-service:8080/api/quote?strength=4',
        quoteCallConfig('bench-request-id', signal),
      ),
    );
  const cpuUsPer = async (run: () => unknown) => {
    for (let i = 0; i < CALLS / 4; i += 1) await run(); // warm-up: let V8 optimise
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i += 1) await run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / CALLS;
  };
  const callUs = await cpuUsPer(call);
  const deadlineOnly = await cpuUsPer(() => withDeadline(1_000, () => Promise.resolve()));
  return { pipelineUs: callUs - deadlineOnly, deadlineUs: deadlineOnly };
}
