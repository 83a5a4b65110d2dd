import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src-main/audit/audit-log.js';
import { runCli } from '../../src-main/cli/main.js';
import { openDatabaseReadOnly } from '../../src-main/db/open.js';
import type { DemoState } from '../../src-main/demo/demo-plan.js';
import type { QueueId } from '../../src-shared/contract/queues-commands.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { env: { TIEPNHAN_DATA_DIR: dataDir }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('tiepnhan demo-data and tiepnhan queues', () => {
  it('fills an empty folder with dossiers in every state; the queues count what was made; a second fill is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-demo-'));
    dirs.push(dir);
    const fill = await cli(dir, 'demo-data', '--dossiers', '80', '--pages-per-dossier', '2', '--no-text');
    expect(fill.code).toBe(0);
    const made = JSON.parse(fill.out.at(-1)!) as { dossiers: number; pages: number; states: Record<DemoState, number> };
    expect(Object.values(made.states).reduce((a, b) => a + b, 0)).toBe(80);
    for (const [state, n] of Object.entries(made.states)) expect(n, state).toBeGreaterThan(0);
    expect(fill.err.join('\n')).toContain('giamsat');

    const q = await cli(dir, 'queues', '--json');
    expect(q.code).toBe(0);
    const counts = Object.fromEntries((JSON.parse(q.out[0]!) as { queues: { queue: QueueId; count: number; oldestAgeSeconds: number | null }[] }).queues.map((r) => [r.queue, r.count])) as Record<QueueId, number>;
    const s = made.states;
    // Each queue holds exactly the dossiers left in the states it covers (review after the fact: the desk's default).
    expect(counts.drafts).toBe(s.draft);
    expect(counts.waiting_scan).toBe(s.waiting_scan);
    expect(counts.missing_components).toBe(s.missing_components);
    expect(counts.ocr_pending).toBe(s.ocr_pending);
    expect(counts.ocr_failed).toBe(s.ocr_failed);
    expect(counts.waiting_review).toBe(s.waiting_review + s.ocr_pending + s.ocr_failed);
    expect(counts.sent_back).toBe(s.sent_back);
    expect(counts.ready_to_sync).toBe(s.waiting_scan + s.missing_components + s.ocr_pending + s.ocr_failed + s.waiting_review + s.sent_back + s.ready_to_sync);
    expect(counts.sync_failed).toBe(s.sync_failed);
    expect(counts.supplement_requested).toBe(s.supplement_requested);
    expect(counts.result_ready).toBe(s.result_ready);

    const text = await cli(dir, 'queues');
    expect(text.out.join('\n')).toContain('Chờ kiểm tra chất lượng');
    expect(text.out.join('\n')).toContain('Waiting for quality review');

    const db = openDatabaseReadOnly(join(dir, 'tiepnhan.sqlite'));
    try {
      expect(verifyAudit(db).valid).toBe(true);
      expect((db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n).toBe(made.pages);
    } finally {
      db.close();
    }

    const again = await cli(dir, 'demo-data', '--dossiers', '5');
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain('Thư mục dữ liệu đã có dữ liệu thật');
  }, 120_000);

  it('refuses a folder with page files and no database, and a bad count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-demo-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'pages', 'ab'), { recursive: true });
    writeFileSync(join(dir, 'pages', 'ab', 'x.jpg'), 'x');
    expect((await cli(dir, 'demo-data', '--dossiers', '5')).code).toBe(1);
    expect((await cli(dir, 'demo-data', '--dossiers', '0')).code).toBe(2);
    expect((await cli(dir, 'queues')).code).toBe(1);
  });
});
