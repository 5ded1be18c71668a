import { writeSync } from 'node:fs';

/**
 * Writes a test's figures to stdout at once. Jest's default reporter holds what a test writes to
 * process.stdout for 100 ms, and once it has flushed that stream it no longer flushes it at the
 * end of the run: what the last test file wrote was lost when Jest exited.
 */
export function printNow(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      // stdout may be a non-blocking pipe that a slow reader has let fill up
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/** A suite's summary, one line a figure, under its title. */
export function printSummary(title: string, lines: string[]): void {
  printNow(`\n${title}\n${lines.join('\n')}\n\n`);
}
