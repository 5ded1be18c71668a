import { request } from 'node:http';
import { noteAnswer } from './answers-in-contract';

export interface RawRequest {
  method?: string;
  /** Sent exactly as given: no normalisation or encoding, unlike fetch. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One request on its own connection to `origin` (http://host:port), answered or rejected; the
 * answer is held to the service's contract, if any.
 */
export function rawRequest(
  origin: string,
  spec: RawRequest,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: hostname,
        port,
        method: spec.method ?? 'GET',
        path: spec.path,
        headers: {
          connection: 'close',
          // Node sends a GET's body without framing unless it is told its length.
          ...(spec.body !== undefined && {
            'content-length': String(Buffer.byteLength(spec.body)),
          }),
          ...spec.headers,
        },
        timeout: timeoutMs,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const answer = { status: response.statusCode ?? 0, headers: response.headers, text };
          noteAnswer(origin, { method: spec.method ?? 'GET', path: spec.path, ...answer });
          resolve(answer);
        });
      },
    );
    sent.on('timeout', () => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    sent.on('error', reject);
    sent.end(spec.body);
  });
}
