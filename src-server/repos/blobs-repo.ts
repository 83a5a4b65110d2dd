import type { Queryable } from '../storage/db.js';
import { lockSequence, notifyChange } from './change-notify.js';

/** The hashes among `hashes` that are not in the blob store, in the order asked, without repeats. */
export async function missingBlobs(db: Queryable, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db.query<{ sha256: string }>(
    'SELECT sha256 FROM blobs WHERE sha256 IN (SELECT jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(hashes)],
  );
  const present = new Set(rows.map((r) => r.sha256));
  return [...new Set(hashes)].filter((h) => !present.has(h));
}

/**
 * Records a blob whose file is already in place, and marks complete every dossier that
 * was waiting only for it (new seq, so the desk learns by pull and SSE that the province
 * holds the whole dossier).
 */
export async function recordBlob(tx: Queryable, sha256: string, size: number, now: Date): Promise<{ completed: number }> {
  const inserted = await tx.query('INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING sha256', [sha256, size, now]);
  if (inserted.length === 0) return { completed: 0 };
  await lockSequence(tx);
  const rows = await tx.query<{ reception_point_id: string }>(
    `UPDATE dossiers d SET complete = true, seq = nextval('dossier_change_seq'), changed_at = $2
     WHERE d.pages @> $1::jsonb AND NOT d.complete
       AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.pages) p LEFT JOIN blobs b ON b.sha256 = p->>'sha256' WHERE b.sha256 IS NULL)
     RETURNING d.reception_point_id`,
    [JSON.stringify([{ sha256 }]), now],
  );
  for (const p of new Set(rows.map((r) => r.reception_point_id))) await notifyChange(tx, { t: 'dossier', p });
  return { completed: rows.length };
}
