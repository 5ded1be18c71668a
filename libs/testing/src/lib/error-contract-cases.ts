import { STATUS_CODES } from 'node:http';
import type { RawRequest, RawResponse } from './raw-http';

export interface ErrorContractCase {
  name: string;
  request: RawRequest;
  status: number;
}

const LONG_HEADER = 'h'.repeat(20_000);
/**
 * A body over the 1 MiB limit is declared, not sent: the service answers on the header alone and
 * closes, and a client still writing megabytes then may get EPIPE before it reads the answer.
 */
const OVER_THE_LIMIT = { 'content-length': String(2 * 1024 * 1024) };

/**
 * Requests that every service must answer with an ErrorBody, whatever its routes: the errors
 * that Fastify and Node raise before a route runs. `knownPath` is a route the service serves.
 */
export function frameworkErrorCases(knownPath: string): ErrorContractCase[] {
  return [
    { name: 'an unknown route', request: { path: '/no/such/route-xyz' }, status: 404 },
    { name: 'bad percent-encoding', request: { path: '/no-route-%ff' }, status: 400 },
    ...['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].map((method) => ({
      name: `method ${method}`,
      request: { method, path: knownPath },
      status: 405,
    })),
    {
      name: 'a POST declaring a body over the limit',
      request: { method: 'POST', path: knownPath, headers: OVER_THE_LIMIT },
      status: 405,
    },
    {
      name: 'a GET declaring a body over the limit',
      request: { path: knownPath, headers: OVER_THE_LIMIT },
      status: 413,
    },
    {
      name: 'headers over the size limit',
      request: { path: knownPath, headers: { 'x-long': LONG_HEADER } },
      status: 431,
    },
  ];
}

/**
 * What is wrong with an answer that should be an ErrorBody for `status`: the status, a JSON
 * body of exactly {message, error, statusCode} matching it, and no echo of the request's path
 * or header values. Empty when nothing is.
 */
export function errorBodyProblems(
  response: RawResponse,
  status: number,
  request: RawRequest,
): string[] {
  const problems: string[] = [];
  if (response.status !== status) problems.push(`status ${response.status}, expected ${status}`);
  if (!String(response.headers['content-type']).startsWith('application/json')) {
    problems.push(`content-type ${response.headers['content-type']}`);
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(response.text) as Record<string, unknown>;
  } catch {
    problems.push(`body is not JSON: ${response.text.slice(0, 200)}`);
  }
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'error,message,statusCode') problems.push(`body has the keys ${keys}`);
  if (body['statusCode'] !== status) problems.push(`statusCode ${String(body['statusCode'])}`);
  if (body['error'] !== STATUS_CODES[status]) problems.push(`error "${String(body['error'])}"`);
  if (typeof body['message'] !== 'string' || body['message'] === '') {
    problems.push('message is not a non-empty string');
  }
  const echoes = [request.path, ...Object.values(request.headers ?? {})].filter(
    (text) => text.length > 8 && response.text.includes(text),
  );
  if (echoes.length > 0)
    problems.push(`body echoes the request: ${echoes.join(', ').slice(0, 80)}`);
  return problems;
}
