/**
 * bench:queues — the supervisor's work queues on a desk of demo data (tiepnhan demo-data's own
 * generator): every queue's count and page, median and p99, each query's plan checked to read
 * its partial index (migration 0010), next to references measured in the same run (a full
 * count(*) of dossier_flow and of pages, and a count that reads every dossier_flow row, as a
 * queue without its index would); then the queue screen's first paint in Chromium.
 *
 *   npm run bench:queues -- [--dossiers 100000] [--pages-per-dossier 10] [--runs 100]
 *                           [--data DIR] [--keep] [--no-browser]
 *
 * `--data DIR` keeps the generated data folder and reuses it on the next run with the same size.
 * The queries run in a child process on a fresh connection opened as the app opens it. The
 * browser part needs `npm run build` (it serves dist/renderer); it is skipped with a message
 * otherwise. The last line is one JSON object; the exit code is 1 when a plan misses its index.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fillDemoData } from '../../src-main/demo/demo-data.js';
import { openDatabase, type Db } from '../../src-main/db/open.js';
import { appRoot } from '../../src-main/kernel/paths.js';
import { queueDefinitions } from '../../src-main/queues/queue-definitions.js';
import { countQueue, countQueues, listQueue, queueCountSql, queueListSql, queuesOfDossier, type QueueContext } from '../../src-main/queues/queues-repo.js';
import { queueContext } from '../../src-main/queues/queues-service.js';
import { readSettings } from '../../src-main/settings/settings-repo.js';
import { outboxBatch } from '../../src-main/sync/sync-repo.js';
import { queueIds, type QueueSort } from '../../src-shared/contract/queues-commands.js';
import { firstPaint, type PaintFigures } from './queues-paint.js';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '100000' },
    'pages-per-dossier': { type: 'string', default: '10' },
    runs: { type: 'string', default: '100' },
    data: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    measure: { type: 'string' },
  },
});
const nDossiers = Number(values.dossiers);
const pagesPer = Number(values['pages-per-dossier']);
const runs = Number(values.runs);
if (![nDossiers, pagesPer, runs].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--dossiers, --pages-per-dossier and --runs take positive integers');
const root = appRoot();

type Figure = { medianMs: number; p99Ms: number; rows: number };
const round = (x: number) => Math.round(x * 1000) / 1000;

function measure(fn: () => unknown, n = runs): Figure {
  let rows = 0;
  for (let i = 0; i < 3; i++) fn(); // warm the page cache
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = fn();
    times.push(performance.now() - t0);
    rows = typeof r === 'number' ? r : Array.isArray(r) ? r.length : ((r as { total?: number; count?: number } | null)?.total ?? (r as { count?: number } | null)?.count ?? 0);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { medianMs: round(q(0.5)), p99Ms: round(q(0.99)), rows };
}

/** EXPLAIN QUERY PLAN with the named parameters bound to sample values. */
function plan(db: Db, sql: string, params: Record<string, unknown>): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

/** The child: the app's connection and the app's queue functions. */
function measureAll(dataDir: string): Record<string, unknown> {
  const db = openDatabase(join(dataDir, 'tiepnhan.sqlite'), { migrationsDir: join(root, 'migrations') });
  try {
    const settings = readSettings(db)!;
    const clerk = (db.prepare("SELECT id FROM users WHERE username = 'canbo1'").get() as { id: string }).id;
    const now = new Date();
    const lead: QueueContext = queueContext(db, now, settings, null);
    const own: QueueContext = queueContext(db, now, settings, clerk);
    const gated: QueueContext = { ...lead, reviewBeforeSync: true };
    const sample = (db.prepare("SELECT dossier_id FROM dossier_flow WHERE status = 'received' LIMIT 1 OFFSET 1000").get() as { dossier_id: string } | undefined)?.dossier_id;
    const params = { ...lead.bounds, scope: clerk, assignedTo: clerk, procedureCode: '2.000815', from: '2025-01-01T00:00:00.000Z', to: now.toISOString(), limit: 50, offset: 0 };

    const references: Record<string, Figure> = {
      'reference: count(*) of dossier_flow (full table)': measure(() => (db.prepare('SELECT count(*) AS n FROM dossier_flow').get() as { n: number }).n),
      'reference: count(*) of pages (full table)': measure(() => (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n, Math.min(runs, 20)),
      // What a queue would cost without its partial index: the same kind of count over every row.
      'reference: a count scanning every dossier_flow row': measure(() => (db.prepare('SELECT count(*) AS n FROM dossier_flow WHERE pages + ocr_waiting >= 0').get() as { n: number }).n),
    };
    const queries: Record<string, Figure & { index: string; planUsesIndex: boolean }> = {};
    const add = (label: string, index: string, sql: string, fn: () => unknown) => {
      const p = plan(db, sql, params);
      queries[label] = { ...measure(fn), index, planUsesIndex: new RegExp(`INDEX ${index}\\b`).test(p) };
    };
    const sorts: QueueSort[] = ['oldest', 'clerk'];
    for (const id of queueIds) {
      const index = queueDefinitions[id].index;
      add(`${id}: count`, index, queueCountSql(id, lead), () => countQueue(db, id, lead));
      add(`${id}: count, one clerk`, index, queueCountSql(id, own), () => countQueue(db, id, own));
      for (const sort of sorts) {
        add(`${id}: page 1 by ${sort}`, index, queueListSql(id, lead, {}, sort), () => listQueue(db, { queue: id, sort, offset: 0, limit: 50 }, lead));
      }
      add(`${id}: page 1, procedure + dates`, index, queueListSql(id, lead, { procedureCode: 'x', from: 'x', to: 'x' }, 'procedure'), () =>
        listQueue(db, { queue: id, sort: 'procedure', offset: 0, limit: 50, procedureCode: '2.000815', from: params.from, to: params.to }, lead),
      );
    }
    add('ready_to_sync: count, review before sync', queueDefinitions.ready_to_sync.index, queueCountSql('ready_to_sync', gated), () => countQueue(db, 'ready_to_sync', gated));
    const whole: Record<string, Figure> = {
      'every queue counted (one replication pull)': measure(() => Object.values(countQueues(db, lead)).length),
      'every queue counted, one clerk': measure(() => Object.values(countQueues(db, own)).length),
      "one dossier's queues (its page)": measure(() => (sample ? queuesOfDossier(db, sample, lead).length : 0)),
      'sync engine: outbox batch (review gate)': measure(() => outboxBatch(db, 50)),
    };

    const ref = references['reference: count(*) of dossier_flow (full table)']!.medianMs || 0.001;
    console.log('reference'.padEnd(52) + 'median ms'.padStart(11) + 'p99 ms'.padStart(10) + 'rows'.padStart(9));
    for (const [label, r] of Object.entries(references)) console.log(label.padEnd(52) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(9));
    console.log('\n' + 'queue query'.padEnd(52) + 'median ms'.padStart(11) + 'p99 ms'.padStart(10) + 'rows'.padStart(9) + '  ×ref  plan');
    for (const [label, r] of Object.entries(queries)) {
      console.log(label.padEnd(52) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(9) + `  ${(r.medianMs / ref).toFixed(2).padStart(5)}  ${r.planUsesIndex ? 'index' : 'NO INDEX: ' + r.index}`);
    }
    console.log('');
    for (const [label, r] of Object.entries(whole)) console.log(label.padEnd(52) + r.medianMs.toFixed(3).padStart(11) + r.p99Ms.toFixed(3).padStart(10) + String(r.rows).padStart(9) + `  ${(r.medianMs / ref).toFixed(2).padStart(5)}`);
    const all = Object.values(queries);
    return {
      references,
      queries,
      whole,
      worstMedianMs: Math.max(...all.map((q) => q.medianMs)),
      worstP99Ms: Math.max(...all.map((q) => q.p99Ms)),
      plansMissingIndex: Object.entries(queries).filter(([, q]) => !q.planUsesIndex).map(([k]) => k),
    };
  } finally {
    db.close();
  }
}

if (values.measure) {
  console.log(JSON.stringify(measureAll(values.measure)));
} else {
  const dir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'tiepnhan-queues-bench-'));
  const sizeKey = JSON.stringify({ dossiers: nDossiers, pagesPerDossier: pagesPer });
  const metaFile = join(dir, 'bench-size.json');
  try {
    console.log(`queues bench: ${nDossiers} dossiers × ${pagesPer} pages (${nDossiers * pagesPer} pages), ${runs} runs a query`);
    let generation: { seconds: number } | null = null;
    if (existsSync(metaFile) && readFileSync(metaFile, 'utf8') === sizeKey) console.log(`reusing ${dir}`);
    else {
      rmSync(dir, { recursive: true, force: true });
      const t0 = performance.now();
      const summary = await fillDemoData({
        dataDir: dir,
        migrationsDir: join(root, 'migrations'),
        assetsDir: join(root, 'assets'),
        dossiers: nDossiers,
        pagesPerDossier: pagesPer,
        withText: false,
        onProgress: (done, total) => process.stderr.write(`\r  demo-data: ${done}/${total} dossiers`),
      });
      process.stderr.write('\n');
      generation = { seconds: round((performance.now() - t0) / 1000) };
      writeFileSync(metaFile, sizeKey);
      console.log(`generated in ${generation.seconds.toFixed(1)} s with tiepnhan demo-data's generator: ${summary.pages} pages; states ${JSON.stringify(summary.states)}`);
    }
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--measure', dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = child.stdout.trimEnd().split('\n');
    if (child.status !== 0) throw new Error(`measuring process failed (${child.status}):\n${child.stdout}`);
    const measured = JSON.parse(lines.pop()!) as { plansMissingIndex: string[] };
    console.log(lines.join('\n'));
    let paint: PaintFigures | { skipped: string } = { skipped: '--no-browser' };
    if (!values['no-browser']) paint = await firstPaint(dir);
    if ('skipped' in paint) console.log(`\nfirst paint in Chromium: skipped (${paint.skipped})`);
    else {
      console.log(`\nfirst paint in Chromium (${paint.runs} runs, median / max ms)`);
      for (const [label, f] of Object.entries(paint.figures)) console.log(`  ${label.padEnd(62)} ${String(f.medianMs).padStart(7)} ${String(f.maxMs).padStart(7)}`);
    }
    if (measured.plansMissingIndex.length > 0) {
      console.log(`\nPLAN CHECK FAILED: ${measured.plansMissingIndex.join(', ')}`);
      process.exitCode = 1;
    }
    console.log(JSON.stringify({ bench: 'queues', dossiers: nDossiers, pagesPerDossier: pagesPer, runs, generation, ...measured, firstPaint: paint }));
  } finally {
    if (!values.data && !values.keep) rmSync(dir, { recursive: true, force: true });
  }
}
