import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { manualClock } from '../../src-main/kernel/clock.js';
import { createCore, type Core } from '../../src-main/app/core.js';
import type { LoadedConfig } from '../../src-main/kernel/config.js';
import { silentLogger, type Logger } from '../../src-main/kernel/logger.js';
import { startWebHost, type WebHost } from '../../src-main/host/web-host.js';
import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract/commands.js';

export const rendererDir = resolve(import.meta.dirname, '../../dist/renderer');
export const shotsDir = '/tmp/e2e-shots';

/** The admin every e2e desk is set up with (the intake e2e types the same one into the setup screen). */
export const adminPassword = 'mat-khau-quan-tri-2026';
export const receptionPoint = { name: 'UBND xã Tân Định', agencyCode: '000.00.53.H48', returnPlace: 'Bộ phận một cửa xã Tân Định' };

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
export async function startApp(start: string, options: { dir?: string; logger?: Logger; config?: LoadedConfig } = {}): Promise<RunningApp> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No built renderer in ${rendererDir}: run npm run build first.`);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tiepnhan-e2e-'));
  const clock = manualClock(start);
  // One OCR worker: pages scanned in a test are OCRed in the background, as on a desk.
  const core = createCore({ dataDir: dir, clock, logger: options.logger ?? silentLogger, ocrWorkers: 1, ...(options.config ? { config: options.config } : {}) });
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

/** Main's commands under one session: to set up what a test is not about and read back what the UI saved. */
export type Session = {
  token: string;
  /** Calls and expects success; throws with the error envelope otherwise. */
  must<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
};

/** Signs in through main's auth.login (not the UI) and returns the session. */
export async function logIn(app: RunningApp, username = 'admin', password = adminPassword): Promise<Session> {
  const session = await app.core.dispatch('auth.login', { username, password }, null);
  if (!session.ok) throw new Error(`auth.login: ${JSON.stringify(session.error)}`);
  const token = (session.value as { sessionToken: string }).sessionToken;
  const must = (async (name: CommandName, input: unknown) => {
    const r = await app.core.dispatch(name, input, token);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  }) as Session['must'];
  return { token, must };
}

/**
 * First-run setup (reception point and admin) through main's setup.init, then an admin session:
 * for the e2e files whose subject is not the setup screen (intake.test.ts goes through that one).
 */
export async function setUpAndLogIn(app: RunningApp, agencyCode = receptionPoint.agencyCode): Promise<Session> {
  const setup = await app.core.dispatch(
    'setup.init',
    { receptionPoint: { ...receptionPoint, agencyCode }, admin: { username: 'admin', fullName: 'Trần Văn Quản', password: adminPassword } },
    null,
  );
  if (!setup.ok) throw new Error(`setup.init: ${JSON.stringify(setup.error)}`);
  return logIn(app);
}

export type Desk = { browser: Browser; context: BrowserContext; page: Page; errors: string[] };

/** Chromium with one desk-sized window whose console errors are collected. */
export async function openDesk(): Promise<Desk> {
  const browser = await launchChromium();
  const context = await deskContext(browser);
  const page = await context.newPage();
  return { browser, context, page, errors: watchErrors(page) };
}

/** Opens a dossier's page by a hash change, as the app's own links do (the host URL carries the launch token). */
export async function openDossier(page: Page, dossierId: string): Promise<void> {
  await page.evaluate((id) => (window.location.hash = `#/dossiers/${id}`), dossierId);
}

/** vitest's expect.poll gives up after 1 s by default; background work (OCR, the host's first start, sync) takes longer. */
export const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000, interval?: number) => expect.poll(fn, { timeout, ...(interval ? { interval } : {}) });
