import {
  type AxiosAdapter,
  AxiosError,
  AxiosHeaders,
  type AxiosResponse,
  CanceledError,
  type InternalAxiosRequestConfig,
} from 'axios';
import { type Dispatcher, errors } from 'undici';
import { firstResponse, type Won } from './first-response';
import { HedgeBudget } from './hedge-budget';

const TIMEOUTS = [errors.HeadersTimeoutError, errors.BodyTimeoutError, errors.ConnectTimeoutError];

const IDEMPOTENT = new Set(['GET', 'HEAD']);

export interface UndiciAdapterOptions {
  /**
   * A dispatcher on a new connection to this origin, for a second attempt of an idempotent
   * request: at once when its connection failed before any response came (a kept-alive
   * connection to an instance that has just gone away), or as a hedge (hedgeAfterMs). A new
   * connection resolves the name again. The second attempt runs under the same abort signal, so
   * within the same time budget, and its connection is closed once it is over.
   */
  freshConnection?: (origin: string) => Dispatcher;
  /**
   * How long an idempotent request waits for its answer before a copy of it goes out on a fresh
   * connection (a hedged request); the first answer wins and the other attempt is aborted. An
   * instance that stalls (its health check, a full CPU share, a connect to an address that has
   * gone) then costs the call this long, not its whole budget. Unset: no hedging.
   */
  hedgeAfterMs?: number;
  /** Called for each hedge sent, for a metric. */
  onHedge?: () => void;
}

/**
 * Sends axios requests through an undici dispatcher instead of node:http. axios stays the API
 * (and @nestjs/axios the module); undici's keep-alive pool costs a fraction of what axios's http
 * adapter does per call (see docs/PERFORMANCE.md). Covers what this service asks of axios:
 * `url` (absolute, or relative to `baseURL`) with flat `params`, headers, string or Buffer `data`,
 * `signal`, `timeout`, `maxContentLength`, `validateStatus`, and text, JSON, arraybuffer or stream
 * responses (axios's transformResponse parses JSON afterwards, as with its own adapters).
 */
export function undiciAdapter(
  dispatcher: Dispatcher,
  options: UndiciAdapterOptions = {},
): AxiosAdapter {
  const budget = new HedgeBudget();
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const url = requestUrl(config);
    const signal = config.signal as AbortSignal | undefined;
    const method = (config.method ?? 'get').toUpperCase() as Dispatcher.HttpMethod;
    const send = (through: Dispatcher, attemptSignal: AbortSignal) =>
      settleOnAbort(
        through.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers: config.headers.toJSON(true) as Record<string, string>,
          body: config.data as string | Buffer | undefined,
          signal: attemptSignal,
          ...(config.timeout && { headersTimeout: config.timeout, bodyTimeout: config.timeout }),
        }),
        attemptSignal,
      );
    const second = IDEMPOTENT.has(method) ? options.freshConnection : undefined;
    const hedge =
      second && options.hedgeAfterMs !== undefined
        ? { afterMs: options.hedgeAfterMs, allowed: () => budget.spend(), onHedge: options.onHedge }
        : undefined;
    if (hedge) budget.earn();
    let won: Won;
    try {
      won = await firstResponse(
        send,
        dispatcher,
        signal,
        second && (() => second(url.origin)),
        hedge,
      );
    } catch (error) {
      throw toAxiosError(error as Error, config);
    }
    try {
      return await answer(won.response, url, config);
    } finally {
      won.detach();
      void won.fresh?.close();
    }
  };
}

async function answer(
  response: Dispatcher.ResponseData,
  url: URL,
  config: InternalAxiosRequestConfig,
): Promise<AxiosResponse> {
  const result: AxiosResponse = {
    status: response.statusCode,
    statusText: '',
    headers: AxiosHeaders.from(response.headers as Record<string, string>),
    config,
    request: { path: url.pathname },
    data: config.responseType === 'stream' ? response.body : await readBody(response, config),
  };
  if (config.validateStatus && !config.validateStatus(result.status)) {
    throw new AxiosError(
      `Request failed with status code ${result.status}`,
      result.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      result.request,
      result,
    );
  }
  return result;
}

/**
 * undici notices an aborted signal only once the connection is up: a connect that gets no answer
 * (a partition, a dead node) would keep the call waiting for its connect timeout. This rejects
 * as soon as the signal aborts, and releases the response should it arrive later.
 */
function settleOnAbort(
  sent: Promise<Dispatcher.ResponseData>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  if (signal.aborted) {
    void sent.then(
      (late) => late.body.destroy(),
      () => undefined,
    );
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      void sent.then(
        (late) => late.body.destroy(),
        () => undefined,
      );
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    sent.then(
      (response) => {
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function requestUrl(config: InternalAxiosRequestConfig): URL {
  const url = new URL(config.url ?? '', config.baseURL);
  for (const [name, value] of Object.entries((config.params ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) url.searchParams.append(name, String(value));
  }
  return url;
}

async function readBody(response: Dispatcher.ResponseData, config: InternalAxiosRequestConfig) {
  const limit =
    config.maxContentLength !== undefined && config.maxContentLength >= 0
      ? config.maxContentLength
      : Infinity;
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response.body) {
      length += (chunk as Buffer).length;
      if (length > limit) {
        response.body.destroy();
        throw new AxiosError(
          `maxContentLength size of ${limit} exceeded`,
          AxiosError.ERR_BAD_RESPONSE,
          config,
        );
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw error instanceof AxiosError ? error : toAxiosError(error as Error, config);
  }
  const body = Buffer.concat(chunks);
  return config.responseType === 'arraybuffer' ? body : body.toString('utf8');
}

function toAxiosError(error: Error, config: InternalAxiosRequestConfig): AxiosError {
  if ((config.signal as AbortSignal | undefined)?.aborted)
    return new CanceledError(undefined, config);
  const code = TIMEOUTS.some((type) => error instanceof type)
    ? AxiosError.ETIMEDOUT
    : ((error as { code?: string }).code ?? AxiosError.ERR_NETWORK);
  return AxiosError.from(error, code, config);
}
