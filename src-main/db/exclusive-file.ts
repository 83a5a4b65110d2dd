import Database from 'better-sqlite3';

/**
 * Holds an operating-system lock on a small SQLite file for as long as the handle stays open
 * (exclusive locking mode: fcntl on Linux, LockFileEx on Windows). The OS drops the lock when
 * the process ends, however it ends. Returns null when another handle, in this or another
 * process, holds it.
 */
export function holdExclusiveFile(path: string, pid: number): { close(): void } | null {
  const db = new Database(path, { timeout: 0 });
  try {
    // No journal file beside it (nothing here is worth one). Set before exclusive mode: in that
    // mode even this pragma's read would keep a shared lock.
    db.pragma('journal_mode = MEMORY');
    db.pragma('locking_mode = EXCLUSIVE');
    // The exclusive lock first, before any read: two launches at the same moment must not both
    // hold a shared lock and then both fail to upgrade it. In this mode it is kept until close.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(pid);
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
    throw error;
  }
  return { close: () => db.close() };
}
