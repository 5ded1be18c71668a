/** How one request ended, as the summary and the report count it. */
export type ErrorKind = 'status' | 'timeout' | 'connection';

export interface Outcome {
  /** Microseconds from when the request was due to when its whole body had arrived. */
  latencyUs: number;
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** Set when the request failed its check (status 200) or got no answer. */
  error?: ErrorKind;
  /** The value of the counted field (--count-field) in the answer's JSON body. */
  field?: string;
}

/** The value at a dotted path of a parsed JSON body, as text; `(none)` when it is not there. */
export function fieldValue(body: unknown, path: readonly string[]): string {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return '(none)';
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** All failed requests, whatever their kind. */
export function errorTotal(errors: Record<ErrorKind, number>): number {
  return errors.status + errors.timeout + errors.connection;
}
