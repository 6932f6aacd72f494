import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Screenshots of browser tests: gitignored, kept by CI as test artifacts. */
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts');

/** Flags for a quiet headless Chromium in containers and CI: no sandbox (root), no GPU, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Saves a full-window PNG under test-artifacts/<folder>/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium (installed by bin/setup.js ensureChromium when missing) driven by
 * playwright-core, headless, with a fresh profile that is removed on close. The window is
 * 1280x800, the size the dashboard is laid out for.
 */
export async function launchTestBrowser(folder: string): Promise<TestBrowser> {
  const setup = (await import(join(ROOT, 'bin/setup.js'))) as { ensureChromium(): string };
  const executablePath = setup.ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'kubenest-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const dir = join(ARTIFACTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  return {
    context,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
