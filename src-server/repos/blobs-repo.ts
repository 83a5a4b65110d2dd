import type { Queryable } from '../storage/db.js';
import { CHANGES_CHANNEL, lockSequence } from './change-notify.js';

/**
 * The hashes among `hashes` that the point does not hold, in the order asked, without repeats.
 * A page another point uploaded is missing here too: the shared blob store's contents are
 * never disclosed across points (issue 16.5); uploading the bytes proves possession.
 */
export async function missingBlobs(db: Queryable, receptionPointId: string, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db.query<{ sha256: string }>(
    'SELECT sha256 FROM point_blobs WHERE reception_point_id = $1 AND sha256 IN (SELECT jsonb_array_elements_text($2::jsonb))',
    [receptionPointId, JSON.stringify(hashes)],
  );
  const present = new Set(rows.map((r) => r.sha256));
  return [...new Set(hashes)].filter((h) => !present.has(h));
}

/** One verified upload: which point and device brought which bytes. */
export type BlobArrival = { sha256: string; size: number; receptionPointId: string; deviceId: string };

export const arrivalKey = (a: Pick<BlobArrival, 'receptionPointId' | 'sha256'>): string => `${a.receptionPointId}:${a.sha256}`;

/**
 * Records uploads whose files are already in place (one transaction for several that finished
 * together: see blob-recorder.ts): the file in `blobs` if new, the point's possession in
 * `point_blobs` (counted in the uploading device's stored bytes), and marks complete every
 * dossier of those points that was waiting only for them (new seq, so the desk learns by
 * pull and SSE that the province holds the whole dossier). Returns the arrivals that were new
 * for their point (arrivalKey); the others were already held.
 *
 * One statement after the sequence lock: on PGlite every statement is a round trip through
 * its single thread, and recording pages was most of the server's database time (bench:sync).
 */
export async function recordBlobs(tx: Queryable, arrivals: readonly BlobArrival[], now: Date): Promise<Set<string>> {
  if (arrivals.length === 0) return new Set();
  // Taken before the statement: its snapshot must include every push committed before us.
  await lockSequence(tx);
  const hashes = [...new Set(arrivals.map((b) => b.sha256))];
  const rows = await tx.query<{ inserted: string[]; notified: number }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(sha256 text, size bigint, point uuid, device uuid)
     ), new_blobs AS (
       INSERT INTO blobs (sha256, size, stored_at)
       SELECT DISTINCT ON (sha256) sha256, size, $2 FROM input
       -- A blob waiting to be collected has a holder again.
       ON CONFLICT (sha256) DO UPDATE SET gc_since = NULL WHERE blobs.gc_since IS NOT NULL
     ), new_held AS (
       -- gc_since: garbage collection checks after the grace period that a dossier lists it.
       INSERT INTO point_blobs (reception_point_id, sha256, device_id, size, stored_at, gc_since)
       SELECT DISTINCT ON (point, sha256) point, sha256, device, size, $2, $2 FROM input
       ON CONFLICT (reception_point_id, sha256) DO NOTHING
       RETURNING reception_point_id, sha256, device_id, size
     ), counted AS (
       UPDATE devices v SET stored_bytes = v.stored_bytes + s.bytes
       FROM (SELECT device_id, sum(size) AS bytes FROM new_held GROUP BY device_id) s
       WHERE v.id = s.device_id
     ), completed AS (
       -- Rows inserted above are not visible to this statement: the input counts as held.
       -- pages @> ANY(array) is answered by the GIN index (a bitmap scan per element).
       UPDATE dossiers d SET complete = true, seq = nextval('dossier_change_seq'), changed_at = $2
       WHERE d.pages @> ANY($3::jsonb[]) AND NOT d.complete
         AND d.reception_point_id IN (SELECT point FROM input)
         AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.pages) p
                         WHERE NOT EXISTS (SELECT 1 FROM input i WHERE i.point = d.reception_point_id AND i.sha256 = p->>'sha256')
                           AND NOT EXISTS (SELECT 1 FROM point_blobs b
                                           WHERE b.reception_point_id = d.reception_point_id AND b.sha256 = p->>'sha256'))
       RETURNING d.reception_point_id
     )
     SELECT (SELECT coalesce(array_agg(reception_point_id || ':' || sha256), '{}') FROM new_held) AS inserted,
            (SELECT count(pg_notify($4, jsonb_build_object('t', 'dossier', 'p', c.p)::text))
               FROM (SELECT DISTINCT reception_point_id AS p FROM completed) c)::int AS notified`,
    [
      JSON.stringify(arrivals.map((b) => ({ sha256: b.sha256, size: b.size, point: b.receptionPointId, device: b.deviceId }))),
      now,
      hashes.map((sha256) => JSON.stringify([{ sha256 }])),
      CHANGES_CHANNEL,
    ],
  );
  return new Set(rows[0]?.inserted ?? []);
}
