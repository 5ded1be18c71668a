/**
 * A failure at start that the operator can fix (bad configuration, a locked database, a port in
 * use). runService prints its message as one line and exits 1, without a stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** A configuration variable with a value the service cannot run with. */
export class ConfigError extends StartupError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`invalid configuration: ${variable} ${problem}`);
  }
}
