import Database from 'better-sqlite3';
import type { Db } from './db-handle.js';

/**
 * A consistent copy of the live database in `file`, by SQLite's online backup API, while the app
 * keeps writing. `pagesPerStep` copies that many pages between turns of the event loop, for the
 * app's own connection (its writes during the copy are carried into it by SQLite); 'all' copies
 * in one step, for another process's connection (the app's writes would restart a stepped copy).
 * The copy is then a self-contained file (rollback journal, no -wal beside it).
 */
export async function snapshotDatabase(db: Db, file: string, pagesPerStep: number | 'all'): Promise<void> {
  // better-sqlite3 clamps the step to 0x7fffffff pages: that is "everything at once".
  const step = pagesPerStep === 'all' ? 0x7fffffff : Math.max(1, pagesPerStep);
  await db.backup(file, { progress: () => step });
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** SQLite's own check of a database file: 'ok', or what it found wrong (first 20 problems). */
export function integrityCheck(db: Db): string[] {
  return (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check);
}
