import type { Locator } from 'playwright-core';

/** Polls until the locator matches `count` elements; rejects with what it last saw. */
export async function waitForCount(
  locator: Locator,
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} of ${String(locator)} within ${timeoutMs} ms, saw ${seen}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await locator.count();
  }
}

/** Polls until the locator's first element has this text. */
export async function waitForText(
  locator: Locator,
  text: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator
    .first()
    .textContent()
    .catch(() => null);
  while (seen !== text) {
    if (Date.now() > deadline) {
      throw new Error(
        `expected "${text}" in ${String(locator)} within ${timeoutMs} ms, saw "${seen}"`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await locator
      .first()
      .textContent()
      .catch(() => null);
  }
}
