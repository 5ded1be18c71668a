/** How one request ended, as the summary and the report count it. */
export type ErrorKind = 'status' | 'timeout' | 'connection';

export interface Outcome {
  /** Microseconds from when the request was due to when its whole body had arrived. */
  latencyUs: number;
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** Set when the request failed its check (status 200) or got no answer. */
  error?: ErrorKind;
}

/** All failed requests, whatever their kind. */
export function errorTotal(errors: Record<ErrorKind, number>): number {
  return errors.status + errors.timeout + errors.connection;
}
