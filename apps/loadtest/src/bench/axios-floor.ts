import axios, { type AxiosAdapter } from 'axios';

export interface AxiosFloor {
  /** CPU time of one quote call's axios pipeline alone, in µs: no network, an adapter that answers at once. */
  pipelineUs: number;
  /** The same of `AbortSignal.timeout()`, which bounds each call. */
  abortSignalUs: number;
}

const CALLS = 20_000;

/**
 * What axios itself costs per call, measured with the quote client's per-call config (params,
 * headers, signal, maxContentLength, validateStatus) over an adapter that answers at once: the
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
    instance.get('http://quotes-service:8080/api/quote', {
      params: { strength: 4 },
      headers: { 'x-request-id': 'bench-request-id' },
      signal: AbortSignal.timeout(1_000),
      maxContentLength: 64 * 1024,
      validateStatus: (status) => status === 200,
    });
  const cpuUsPer = async (run: () => unknown) => {
    for (let i = 0; i < CALLS / 4; i += 1) await run(); // warm-up: let V8 optimise
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i += 1) await run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / CALLS;
  };
  const withSignal = await cpuUsPer(call);
  const signalOnly = await cpuUsPer(() => AbortSignal.timeout(1_000));
  return { pipelineUs: withSignal - signalOnly, abortSignalUs: signalOnly };
}
