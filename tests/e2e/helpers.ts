import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { manualClock } from '../../src-main/app/clock.js';
import { createCore, type Core } from '../../src-main/app/core.js';
import { silentLogger } from '../../src-main/app/logger.js';
import { startWebHost, type WebHost } from '../../src-main/host/web-host.js';

export const rendererDir = resolve(import.meta.dirname, '../../dist/renderer');
export const shotsDir = '/tmp/e2e-shots';

export type RunningApp = {
  core: Core;
  host: WebHost;
  clock: ReturnType<typeof manualClock>;
  dir: string;
  close(): Promise<void>;
};

/**
 * A real core on a temp data dir behind the real web host serving the built renderer
 * (run `npm run build` first). The clock is set by hand so dates on the receipt are known.
 */
export async function startApp(start: string): Promise<RunningApp> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No built renderer in ${rendererDir}: run npm run build first.`);
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-e2e-'));
  const clock = manualClock(start);
  // One OCR worker: pages scanned in a test are OCRed in the background, as on a desk.
  const core = createCore({ dataDir: dir, clock, logger: silentLogger, ocrWorkers: 1 });
  const host = await startWebHost({ core, port: 0, staticDir: rendererDir });
  return {
    core,
    host,
    clock,
    dir,
    async close() {
      await host.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, flags from DESIGN.md ("Facts about our build machines"). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A desk-sized window (1366x768) in Vietnam's time zone. */
export function deskContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  }).then((context) => {
    // Everything here is local: a step that takes more than 10 s is stuck.
    context.setDefaultTimeout(10_000);
    return context;
  });
}

/** Screenshots to look at the screens by eye; never compared automatically. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

/** Collects the page's console errors and uncaught exceptions, so a broken UI fails loudly. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
}
