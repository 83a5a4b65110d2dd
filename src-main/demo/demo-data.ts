import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceptionPoint } from '../../src-shared/contract/schemas.js';
import { addDays, fromLocal, toLocal } from '../../src-shared/domain/local-time.js';
import { isWorkingDay } from '../../src-shared/domain/working-days.js';
import { appendAudit } from '../audit/audit-log.js';
import { loadCalendar } from '../calendar/holidays-repo.js';
import { findProcedure } from '../catalog/catalog-repo.js';
import { openDatabase, openDatabaseReadOnly, type Db } from '../db/open.js';
import { withStatementCache } from '../db/statement-cache.js';
import { openPageStore } from '../pages/page-store.js';
import { defaultSettings, initSettings, readSettings } from '../settings/settings-repo.js';
import { hashPassword } from '../users/password.js';
import { insertUser } from '../users/users-repo.js';
import { prepareSamplePages } from './demo-pages.js';
import { demoPerson, demoProcedure, demoState, seededRandom, type DemoState } from './demo-plan.js';
import { writeDemoDossier, type DemoDesk } from './demo-writer.js';

export class FolderNotEmptyError extends Error {
  constructor(what: string) {
    super(`Thư mục dữ liệu đã có dữ liệu thật (${what}); dữ liệu thử chỉ tạo trong thư mục trống. (The data folder already holds data: ${what}; demo data goes only into an empty folder.)`);
    this.name = 'FolderNotEmptyError';
  }
}

export type DemoOptions = {
  dataDir: string;
  migrationsDir: string;
  assetsDir: string;
  dossiers: number;
  pagesPerDossier: number;
  /** Run the app's OCR on the sample sheets and keep text for up to `textPages` pages (newest first). */
  withText: boolean;
  textPages?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
};

export type DemoSummary = { users: { username: string; fullName: string; role: string }[]; password: string; states: Record<DemoState, number>; pages: number };

/** The one password of every demo account (printed by the CLI; a demo desk holds invented people only). */
export const DEMO_PASSWORD = 'demo-tiepnhan';
const receptionPoint: ReceptionPoint = {
  name: 'UBND xã Tân Hòa (dữ liệu thử)',
  agencyCode: '000.00.99.H99',
  agencyName: 'Ủy ban nhân dân xã Tân Hòa',
  address: 'Ấp Đông, xã Tân Hòa',
  phone: '',
  returnPlace: 'Bộ phận một cửa xã Tân Hòa',
};
const people = [
  { username: 'admin', fullName: 'Quản Trị Thử', role: 'admin' },
  { username: 'giamsat', fullName: 'Trần Văn Giám', role: 'supervisor' },
  { username: 'canbo1', fullName: 'Nguyễn Thị Lan', role: 'clerk' },
  { username: 'canbo2', fullName: 'Phạm Văn Minh', role: 'clerk' },
  { username: 'canbo3', fullName: 'Lê Thị Hồng', role: 'clerk' },
] as const;
// The catalog (migration 0002) starts on 1 July 2025: no demo dossier before it.
const CATALOG_FROM = '2025-07-01';
const BATCH = 1000;

/** Refuses a folder holding anything of a desk: accounts, settings, dossiers or page files. */
export function assertEmptyDataFolder(dataDir: string): void {
  const file = join(dataDir, 'tiepnhan.sqlite');
  if (existsSync(file)) {
    const db = openDatabaseReadOnly(file);
    try {
      for (const table of ['users', 'settings', 'dossiers']) {
        const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
        if (exists && db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) throw new FolderNotEmptyError(`${file}: ${table}`);
      }
    } finally {
      db.close();
    }
  }
  const pages = join(dataDir, 'pages');
  if (existsSync(pages) && readdirSync(pages).length > 0) throw new FolderNotEmptyError(pages);
}

/**
 * When the demo dossiers were received, newest first: a busy ward's day (DOMAIN.md: some 330 a
 * day) spread over working hours 07:30–16:30 of working days back from now; fewer a day for a
 * small demo, so that even 200 dossiers cover weeks (overdue ones, results waiting).
 */
function receiptTimes(db: Db, n: number, now: Date, timeZone: string): Date[] {
  const perDay = Math.min(330, Math.max(3, Math.ceil(n / 60)));
  const calendar = loadCalendar(db, CATALOG_FROM);
  const out: Date[] = [];
  let day = toLocal(now, timeZone).date;
  while (out.length < n && day >= CATALOG_FROM) {
    if (isWorkingDay(day, calendar)) {
      const start = fromLocal(day, '07:30', timeZone).getTime();
      for (let k = perDay - 1; k >= 0 && out.length < n; k--) {
        const t = start + Math.floor((k * 9 * 3600_000) / perDay);
        if (t <= now.getTime() - 10 * 60_000) out.push(new Date(t));
      }
    }
    day = addDays(day, -1);
  }
  return out;
}

/**
 * Fills an empty data folder with a desk of invented dossiers in every state (tiepnhan
 * demo-data): accounts, settings, then dossiers oldest first in transactions of 1000, so codes
 * and log-book entries run in time order. One audit entry records it.
 */
export async function fillDemoData(o: DemoOptions): Promise<DemoSummary> {
  assertEmptyDataFolder(o.dataDir);
  mkdirSync(o.dataDir, { recursive: true });
  const now = o.now ?? new Date();
  const opened = openDatabase(join(o.dataDir, 'tiepnhan.sqlite'), { migrationsDir: o.migrationsDir });
  // A demo interrupted half-way is thrown away (the folder was empty), so no fsync per batch.
  opened.pragma('synchronous = OFF');
  const db = withStatementCache(opened);
  try {
    const hash = await hashPassword(DEMO_PASSWORD);
    const ids = people.map(() => randomUUID());
    db.transaction(() => {
      people.forEach((p, i) => insertUser(db, { id: ids[i]!, username: p.username, fullName: p.fullName, role: p.role, passwordHash: hash, createdAt: now.toISOString() }));
      initSettings(db, receptionPoint);
    })();
    const settings = readSettings(db) ?? { ...defaultSettings, receptionPoint };
    const samples = await prepareSamplePages(openPageStore(join(o.dataDir, 'pages')), o.assetsDir, o.withText);
    const times = receiptTimes(db, o.dossiers, now, settings.timeZone);
    if (times.length < o.dossiers) throw new Error(`Không đủ ngày làm việc từ ${CATALOG_FROM} cho ${o.dossiers} hồ sơ. (Not enough working days since ${CATALOG_FROM}.)`);
    const rand = seededRandom(o.dossiers * 31 + o.pagesPerDossier);
    const desk: DemoDesk = {
      db,
      settings,
      calendar: loadCalendar(db, addDays(CATALOG_FROM, -1)),
      samples,
      supervisorId: ids[1]!,
      rand,
      now: now.getTime(),
      text: false,
    };
    const clerks = ids.slice(2);
    const states = Object.fromEntries(['draft', 'waiting_scan', 'missing_components', 'ocr_pending', 'ocr_failed', 'waiting_review', 'sent_back', 'ready_to_sync', 'sync_failed', 'processing', 'supplement_requested', 'result_ready', 'handed_back'].map((s) => [s, 0])) as Record<DemoState, number>;
    // Oldest first; text for the newest pages only (those someone trying the demo opens), so a big
    // demo does not hold a hundred million OCR words. The older pages are recognised, without text.
    const order = Array.from({ length: o.dossiers }, (_, i) => o.dossiers - 1 - i);
    const textDossiers = o.withText ? Math.ceil((o.textPages ?? 20_000) / Math.max(1, o.pagesPerDossier)) : 0;
    for (let b = 0; b < order.length; b += BATCH) {
      db.transaction(() => {
        for (const rank of order.slice(b, b + BATCH)) {
          const at = times[rank]!;
          const state = demoState(rank, o.dossiers, rand());
          const procedure = findProcedure(db, demoProcedure(rand()), toLocal(at, settings.timeZone).date)!;
          desk.text = rank < textDossiers;
          writeDemoDossier(desk, { state, procedure, person: demoPerson(rand), clerkId: clerks[Math.floor(rand() * clerks.length)]!, at, pagesPerDossier: o.pagesPerDossier });
          states[state] += 1;
        }
      }).immediate();
      o.onProgress?.(Math.min(order.length, b + BATCH), order.length);
    }
    db.transaction(() => {
      // What the province said about dossiers closed since is old news, not a notice.
      db.prepare('DELETE FROM notifications WHERE dossier_id IN (SELECT dossier_id FROM dossier_flow WHERE closed_at IS NOT NULL)').run();
      appendAudit(db, { at: now.toISOString(), userId: ids[0]!, action: 'demo.fill', dossierId: null, details: { dossiers: o.dossiers, pagesPerDossier: o.pagesPerDossier, states } });
    }).immediate();
    const pages = (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    return { users: people.map(({ username, fullName, role }) => ({ username, fullName, role })), password: DEMO_PASSWORD, states, pages };
  } finally {
    opened.close();
  }
}
