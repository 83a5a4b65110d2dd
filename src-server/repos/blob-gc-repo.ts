import type { Queryable } from '../storage/db.js';

/**
 * Garbage collection of pages (issue 16.3), in two steps, each in the caller's transaction
 * under the sequence lock (so no push or recording runs meanwhile):
 *  1. `releaseUnlisted`: a point's holding of a page that no dossier of the point lists,
 *     checked once its `gc_since` is older than the cutoff, is dropped (and the uploading
 *     device's stored bytes go down); a blob left without holder is marked.
 *  2. `orphanBlobs` + `deleteBlobRows`: blobs marked before the cutoff that still have no
 *     holder lose their row; the caller removes their files.
 */
export async function releaseUnlisted(tx: Queryable, cutoff: Date, now: Date, limit: number): Promise<{ checked: number; released: number }> {
  const due = await tx.query<{ reception_point_id: string; sha256: string; listed: boolean }>(
    `SELECT pb.reception_point_id, pb.sha256,
       EXISTS (SELECT 1 FROM dossiers d WHERE d.reception_point_id = pb.reception_point_id
                 AND d.pages @> jsonb_build_array(jsonb_build_object('sha256', pb.sha256))) AS listed
     FROM point_blobs pb WHERE pb.gc_since < $1 ORDER BY pb.gc_since LIMIT $2 FOR UPDATE`,
    [cutoff, limit],
  );
  if (due.length === 0) return { checked: 0, released: 0 };
  const keys = (listed: boolean) => JSON.stringify(due.filter((r) => r.listed === listed).map((r) => ({ p: r.reception_point_id, h: r.sha256 })));
  await tx.query(
    `UPDATE point_blobs pb SET gc_since = NULL FROM jsonb_to_recordset($1::jsonb) AS k(p uuid, h text)
     WHERE pb.reception_point_id = k.p AND pb.sha256 = k.h`,
    [keys(true)],
  );
  const gone = await tx.query<{ sha256: string; device_id: string | null; size: number }>(
    `DELETE FROM point_blobs pb USING jsonb_to_recordset($1::jsonb) AS k(p uuid, h text)
     WHERE pb.reception_point_id = k.p AND pb.sha256 = k.h RETURNING pb.sha256, pb.device_id, pb.size`,
    [keys(false)],
  );
  if (gone.length === 0) return { checked: due.length, released: 0 };
  const byDevice = new Map<string, number>();
  for (const g of gone) if (g.device_id) byDevice.set(g.device_id, (byDevice.get(g.device_id) ?? 0) + Number(g.size));
  await tx.query(
    `UPDATE devices v SET stored_bytes = greatest(0, v.stored_bytes - s.bytes)
     FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, bytes bigint) WHERE v.id = s.id`,
    [JSON.stringify([...byDevice].map(([id, bytes]) => ({ id, bytes })))],
  );
  await tx.query(
    `UPDATE blobs b SET gc_since = $2 WHERE b.sha256 = ANY($1::text[]) AND b.gc_since IS NULL
       AND NOT EXISTS (SELECT 1 FROM point_blobs h WHERE h.sha256 = b.sha256)`,
    [[...new Set(gone.map((g) => g.sha256))], now],
  );
  return { checked: due.length, released: gone.length };
}

/** Blobs without holder since before the cutoff, locked for deletion. */
export async function orphanBlobs(tx: Queryable, cutoff: Date, limit: number): Promise<Array<{ sha256: string; size: number }>> {
  const rows = await tx.query<{ sha256: string; size: number }>(
    `SELECT b.sha256, b.size FROM blobs b
     WHERE b.gc_since < $1 AND NOT EXISTS (SELECT 1 FROM point_blobs h WHERE h.sha256 = b.sha256)
     ORDER BY b.gc_since LIMIT $2 FOR UPDATE`,
    [cutoff, limit],
  );
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
}

export async function deleteBlobRows(tx: Queryable, hashes: string[]): Promise<void> {
  if (hashes.length > 0) await tx.query('DELETE FROM blobs WHERE sha256 = ANY($1::text[])', [hashes]);
}
