import { noteAnswer } from './answers-in-contract';

export interface JsonResponse<T = unknown> {
  status: number;
  contentType: string | null;
  /** The body exactly as sent, to check field order and formatting. */
  text: string;
  body: T;
}

/** GET a URL on a fresh connection and parse its JSON body (held to a contract, if any). */
export async function getJson<T = unknown>(
  url: string,
  timeoutMs = 5_000,
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    headers: { connection: 'close' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const { pathname, search } = new URL(url);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  noteAnswer(url, {
    method: 'GET',
    path: `${pathname}${search}`,
    status: response.status,
    headers,
    text,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    body: JSON.parse(text) as T,
  };
}
