import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium, which the `browser` targets install (tools/ensure-debian-tools.sh). */
export const CHROMIUM = '/usr/bin/chromium';

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Headless chromium without anything that would reach out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects the page's console errors and uncaught exceptions into `errors`, prefixed by `name`. */
export function collectPageErrors(page: Page, name: string, errors: string[]): void {
  page.on(
    'console',
    (message) => message.type() === 'error' && errors.push(`${name}: ${message.text()}`),
  );
  page.on('pageerror', (error) => errors.push(`${name}: ${String(error)}`));
}
