import { type Account } from '@landscape/contracts';
import { request } from 'node:https';

export interface TlsAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * GET a URL over TLS on a fresh connection, trusting only `ca`, with basic auth when `auth` is
 * `user:password`.
 */
export function tlsGet(
  url: string,
  ca: string,
  auth?: string,
  timeoutMs = 5_000,
): Promise<TlsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, auth, agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(res.headers).map(([name, value]) => [name, String(value)]),
        );
        resolve({ status: res.statusCode ?? 0, headers, text });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Account 10000 from accountservice at a TLS origin (an edge), trusting only `ca`; undefined
 * while the origin does not answer 200.
 */
export async function tlsAccount(origin: string, ca: string): Promise<Account | undefined> {
  const answer = await tlsGet(`${origin}/accounts/10000`, ca).catch(() => undefined);
  return answer?.status === 200 ? (JSON.parse(answer.text) as Account) : undefined;
}
