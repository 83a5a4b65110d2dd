import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import { allFileRefs, interruptRunningBatches, type BatchRow, type FileRef } from './page-repo.js';
import type { PageStore } from './page-store.js';

export type StoreCheck = {
  /** Files no row references (e.g. written just before a crash, before their row committed). */
  orphans: string[];
  /** Rows whose file is gone: must never happen, so it is reported loudly. */
  missing: FileRef[];
  /** Rows whose file sync retention removed on purpose (sync_purged_files): the province holds it. */
  purged: FileRef[];
  /** Temp files of interrupted writes. */
  temps: string[];
  /** Anything else found in the store folder. */
  strays: string[];
};

/**
 * Start-up consistency check between the pages table and the page store. It only reports:
 * nothing is deleted or repaired automatically (an orphan may be the only copy of a page).
 */
export async function checkPageStore(db: Db, store: PageStore): Promise<StoreCheck> {
  const refs = allFileRefs(db);
  const listing = await store.list();
  const onDisk = new Set(listing.files.map((f) => `${f.sha256}.${f.format}`));
  const referenced = new Set(refs.map((r) => `${r.sha256}.${r.format}`));
  const orphans = listing.files.filter((f) => !referenced.has(`${f.sha256}.${f.format}`)).map((f) => store.pathOf(f.sha256, f.format));
  const absent = refs.filter((r) => !onDisk.has(`${r.sha256}.${r.format}`));
  const purgedHashes = new Set((db.prepare('SELECT sha256 FROM sync_purged_files').all() as { sha256: string }[]).map((r) => r.sha256));
  const missing = absent.filter((r) => !purgedHashes.has(r.sha256));
  const purged = absent.filter((r) => purgedHashes.has(r.sha256));
  return { orphans, missing, purged, temps: listing.temps, strays: listing.strays };
}

/** Whether sync retention removed this file (it was confirmed at the province first). */
export function isPurged(db: Db, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM sync_purged_files WHERE sha256 = ?').get(sha256) !== undefined;
}

export type PageStartupDeps = { db: Db; clock: Clock; store: PageStore; logger: Logger };

/**
 * Run once at start: batches cut short by a crash are marked interrupted (their pages are
 * kept), and the store is checked against the table. Problems are logged, never "fixed".
 */
export async function pageStartup({ db, clock, store, logger }: PageStartupDeps): Promise<{ interrupted: BatchRow[]; check: StoreCheck }> {
  const interrupted = interruptRunningBatches(db, clock.now().toISOString());
  const check = await checkPageStore(db, store);
  for (const b of interrupted) logger.warn('page batch interrupted by a restart; received pages kept', { batchId: b.id, received: b.received_pages, expected: b.expected_pages });
  if (check.orphans.length || check.temps.length || check.strays.length) logger.warn('page store has unreferenced files', { orphans: check.orphans.length, temps: check.temps.length, strays: check.strays.length });
  if (check.missing.length) logger.error('page files missing for page rows', { missing: check.missing });
  return { interrupted, check };
}
