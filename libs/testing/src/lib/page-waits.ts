import { waitFor } from './wait-for';
import type { Locator } from 'playwright-core';

/** Waits until the locator matches `count` elements; rejects with what it last saw. */
export async function waitForCount(locator: Locator, count: number, timeoutMs: number) {
  let seen = -1;
  await waitFor(`${count} of ${String(locator)}`, timeoutMs, async () => {
    seen = await locator.count();
    return seen === count;
  }).catch((error: Error) => {
    throw new Error(`${error.message}, saw ${seen}`);
  });
}

/** Waits until the locator's first element has this text. */
export async function waitForText(locator: Locator, text: string, timeoutMs: number) {
  let seen: string | null = null;
  await waitFor(`"${text}" in ${String(locator)}`, timeoutMs, async () => {
    seen = await locator.first().textContent();
    return seen === text;
  }).catch((error: Error) => {
    throw new Error(`${error.message}, saw "${seen}"`);
  });
}
