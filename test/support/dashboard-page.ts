import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';

/** Generous: the shared test machine can be very slow; no test asserts how long anything takes. */
export const WAIT = { timeout: 120_000 };

/** Rows of the dashboard's pods table whose key ("namespace/name") starts with `prefix`, as the page shows them. */
export function podRows(
  page: Page,
  prefix: string,
): Promise<{ key: string; ready: string; memory: string; text: string }[]> {
  return page.locator(`.vtable-row[data-key^="${prefix}"]`).evaluateAll((rows) =>
    rows.map((row) => ({
      key: row.getAttribute('data-key') ?? '',
      ready: row.querySelector('[data-col="ready"]')?.textContent ?? '',
      memory: row.querySelector('[data-col="memory"]')?.textContent ?? '',
      text: row.textContent ?? '',
    })),
  );
}

/** Polls the page until `check` holds for the pod rows with `prefix`; fails with what the page shows. */
export async function waitForPodRows(
  page: Page,
  prefix: string,
  what: string,
  check: (rows: Awaited<ReturnType<typeof podRows>>) => boolean,
) {
  const deadline = Date.now() + WAIT.timeout;
  let rows = await podRows(page, prefix);
  while (!check(rows)) {
    if (Date.now() > deadline) assert.fail(`expected ${what}, the page shows ${JSON.stringify(rows)}`);
    await sleep(250);
    rows = await podRows(page, prefix);
  }
  return rows;
}

/** Waits until exactly `count` pods with the prefix are Running and fully ready in the table. */
export function waitForReadyPods(page: Page, prefix: string, count: number) {
  return waitForPodRows(
    page,
    prefix,
    `${count} ready ${prefix} pods`,
    (rows) => rows.length === count && rows.every((r) => r.ready === '1/1' && r.text.includes('Running')),
  );
}

export async function signIn(page: Page, url: string, token: string) {
  await page.goto(url);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.connection[data-state="live"]').waitFor(WAIT);
}
