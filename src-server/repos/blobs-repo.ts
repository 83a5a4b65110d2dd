import type { Queryable } from '../storage/db.js';
import { CHANGES_CHANNEL, lockSequence } from './change-notify.js';

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
 * Records blobs whose files are already in place (one transaction for several uploads that
 * finished together: see blob-recorder.ts), and marks complete every dossier that was waiting
 * only for them (new seq, so the desk learns by pull and SSE that the province holds the
 * whole dossier). Returns the hashes that were new; the others were already recorded.
 *
 * One statement after the sequence lock: on PGlite every statement is a round trip through
 * its single thread, and recording pages was most of the server's database time (bench:sync).
 */
export async function recordBlobs(tx: Queryable, blobs: ReadonlyArray<{ sha256: string; size: number }>, now: Date): Promise<Set<string>> {
  if (blobs.length === 0) return new Set();
  // Taken before the statement: its snapshot must include every push committed before us.
  await lockSequence(tx);
  const hashes = blobs.map((b) => b.sha256);
  const rows = await tx.query<{ inserted: string[]; notified: number }>(
    `WITH new_blobs AS (
       INSERT INTO blobs (sha256, size, stored_at)
       SELECT x.sha256, x.size, $2 FROM jsonb_to_recordset($1::jsonb) AS x(sha256 text, size bigint)
       ON CONFLICT (sha256) DO NOTHING RETURNING sha256
     ), completed AS (
       -- The rows inserted above are not visible to this statement: those hashes count as present.
       -- pages @> ANY(array) is answered by the GIN index (a bitmap scan per element).
       UPDATE dossiers d SET complete = true, seq = nextval('dossier_change_seq'), changed_at = $2
       WHERE d.pages @> ANY($3::jsonb[]) AND NOT d.complete
         AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.pages) p
                         WHERE NOT (p->>'sha256' = ANY($4::text[]))
                           AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = p->>'sha256'))
       RETURNING d.reception_point_id
     )
     SELECT (SELECT coalesce(array_agg(sha256), '{}') FROM new_blobs) AS inserted,
            (SELECT count(pg_notify($5, jsonb_build_object('t', 'dossier', 'p', c.p)::text))
               FROM (SELECT DISTINCT reception_point_id AS p FROM completed) c)::int AS notified`,
    [
      JSON.stringify(blobs.map((b) => ({ sha256: b.sha256, size: b.size }))),
      now,
      hashes.map((sha256) => JSON.stringify([{ sha256 }])),
      hashes,
      CHANGES_CHANNEL,
    ],
  );
  return new Set(rows[0]?.inserted ?? []);
}
