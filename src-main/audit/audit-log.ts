import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';

export type AuditEntry = {
  at: string;
  userId: string | null;
  action: string;
  dossierId: string | null;
  /** What changed. No passwords; personal data only as far as the change itself needs. */
  details: Record<string, unknown>;
};

const genesis = '0'.repeat(64);

function entryHash(prevHash: string, e: AuditEntry): string {
  // A fixed field order and JSON encoding make the hash reproducible by any verifier.
  const canonical = JSON.stringify([prevHash, e.at, e.userId, e.action, e.dossierId, JSON.stringify(e.details)]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry chained to the previous one. Call inside the transaction that makes the change. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? genesis;
  db.prepare(
    'INSERT INTO audit_log (at, user_id, action, dossier_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.at, entry.userId, entry.action, entry.dossierId, JSON.stringify(entry.details), prevHash, entryHash(prevHash, entry));
}

type Row = { seq: number; at: string; user_id: string | null; action: string; dossier_id: string | null; details: string; prev_hash: string; hash: string };

/** Recomputes the whole chain; reports the first row whose link or content does not match. */
export function verifyAudit(db: Db): { valid: boolean; entries: number; firstBrokenSeq: number | null } {
  let prev = genesis;
  let entries = 0;
  let lastSeq = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    entries++;
    const expected = entryHash(prev, {
      at: row.at,
      userId: row.user_id,
      action: row.action,
      dossierId: row.dossier_id,
      details: JSON.parse(row.details) as Record<string, unknown>,
    });
    if (row.prev_hash !== prev || row.hash !== expected) return { valid: false, entries, firstBrokenSeq: row.seq };
    prev = row.hash;
    lastSeq = row.seq;
  }
  // Rows cut from the end leave no broken link; AUTOINCREMENT's high-water mark still remembers them.
  const issued = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  if (issued && issued.seq > lastSeq) return { valid: false, entries, firstBrokenSeq: lastSeq + 1 };
  return { valid: true, entries, firstBrokenSeq: null };
}
