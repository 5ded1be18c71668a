import type { AxiosRequestConfig } from 'axios';

/**
 * accountservice's quote call as the bench's measures of axios make it: the quote client's
 * per-call config (the caller's request id, the deadline's signal, the body bound, the status
 * check), under a deadline whose timer is cleared when the call settles.
 */
export function quoteCallConfig(requestId: string, signal: AbortSignal): AxiosRequestConfig {
  return {
    headers: { 'x-request-id': requestId },
    signal,
    maxContentLength: 64 * 1024,
    validateStatus: (status) => status === 200,
  };
}

export async function withDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
