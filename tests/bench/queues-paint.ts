import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../src-main/app/core.js';
import { DEMO_PASSWORD } from '../../src-main/demo/demo-data.js';
import { startWebHost } from '../../src-main/host/web-host.js';
import { silentLogger } from '../../src-main/kernel/logger.js';
import { deskContext, launchChromium, rendererDir } from '../e2e/helpers.js';

export type PaintFigures = { runs: number; figures: Record<string, { medianMs: number; maxMs: number }> };

const RUNS = 5;

/**
 * The queue screen's first paint in Debian's Chromium, through the real web host on the bench's
 * data folder, signed in as the demo supervisor with the queue screen as the route. Each run is a
 * fresh browser context (an empty read model, as after a sign-in). Measured: from the signed-in
 * shell on screen to the queue counts and the first page of "waiting for review" painted (the
 * dossier list's replication of every dossier starts at the same moment and runs meanwhile, as
 * in the app); the same from the sign-in click; and switching from another screen to a queue.
 * References, same run: loading the page to the sign-in form, and the sign-in click to the
 * signed-in shell (the password check, scrypt, is most of it).
 */
export async function firstPaint(dataDir: string): Promise<PaintFigures | { skipped: string }> {
  if (!existsSync(join(rendererDir, 'index.html'))) return { skipped: 'no built renderer: run npm run build' };
  if (!existsSync('/usr/bin/chromium')) return { skipped: 'no /usr/bin/chromium' };
  const core = createCore({ dataDir, logger: silentLogger, ocrWorkers: 0 });
  const host = await startWebHost({ core, port: 0, staticDir: rendererDir });
  const browser = await launchChromium();
  const samples: Record<string, number[]> = {
    'reference: page load to the sign-in form': [],
    'reference: sign-in click to the signed-in shell': [],
    'queue screen: signed-in shell to counts and first rows': [],
    'queue screen: sign-in click to counts and first rows': [],
    'another screen to a queue painted (overdue)': [],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await deskContext(browser);
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${host.url}#/queues/waiting_review`);
      await page.getByLabel('Tên đăng nhập', { exact: true }).waitFor();
      samples['reference: page load to the sign-in form']!.push(performance.now() - t0);
      await page.getByLabel('Tên đăng nhập', { exact: true }).fill('giamsat');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
      const t1 = performance.now();
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
      const shell = performance.now();
      samples['reference: sign-in click to the signed-in shell']!.push(shell - t1);
      await page.getByTestId('queue-count-waiting_review').waitFor();
      await page.getByTestId('queue-row').first().waitFor();
      samples['queue screen: signed-in shell to counts and first rows']!.push(performance.now() - shell);
      samples['queue screen: sign-in click to counts and first rows']!.push(performance.now() - t1);
      await page.evaluate(() => (window.location.hash = '#/search'));
      await page.getByRole('heading', { name: 'Tìm kiếm hồ sơ' }).waitFor();
      const t2 = performance.now();
      await page.evaluate(() => (window.location.hash = '#/queues/overdue'));
      await page.locator('[data-testid="queue-row"]').first().waitFor();
      await page.getByRole('heading', { name: 'Quá hạn trả kết quả', level: 2 }).waitFor();
      samples['another screen to a queue painted (overdue)']!.push(performance.now() - t2);
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await core.close();
  }
  const figures: PaintFigures['figures'] = {};
  for (const [label, xs] of Object.entries(samples)) {
    const sorted = [...xs].sort((a, b) => a - b);
    figures[label] = { medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!), maxMs: Math.round(sorted.at(-1)!) };
  }
  return { runs: RUNS, figures };
}
