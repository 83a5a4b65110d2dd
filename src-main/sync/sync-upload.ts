import { readFile } from 'node:fs/promises';
import type { UrlStorage } from 'tus-js-client';
import { MAX_MISSING_QUERY, MissingBlobsResponse, type SyncDossier } from '../../src-shared/sync/wire.js';
import type { PageStore } from '../pages/page-store.js';
import { uploadBlob } from './blob-upload.js';
import { pageFormat } from './dossier-document.js';
import type { SyncHttp } from './sync-http.js';
import type { PassContext, SyncMetrics } from './sync-pass-context.js';
import { getSyncDossier, pendingUploads, setUploadProgress, uploadFinished, uploadPendingAgain, type SyncDossierRow } from './sync-repo.js';

export type UploadContext = PassContext & {
  store: PageStore;
  /** Where tus keeps its upload URLs, so a cut upload resumes mid-file after a restart. */
  urlStorage: UrlStorage;
  sleep: (ms: number) => Promise<void>;
  /** The sync option's cap in bytes per second, or null. */
  bandwidth: number | null;
  /** Counted as bytes and files go, so a pass cut later still shows what it sent. */
  metrics: SyncMetrics;
};

type Pending = { row: SyncDossierRow; doc: SyncDossier };

/**
 * Uploads the pages the server lacks, for dossiers grouped so that one missing-blobs query
 * answers a whole group (a backlog of small dossiers used to cost two queries each,
 * bench:sync). A dossier counts as uploaded as soon as the server has acknowledged each of
 * its missing pages (it answers a page only once it is verified and recorded), so the clerk
 * sees it at the province without waiting for the rest of the group; one more query at the
 * end re-checks the group, and a dossier with a page the server lost is pending again.
 * Returns the number of files sent.
 */
export async function uploadPending(ctx: UploadContext): Promise<number> {
  const pending = pendingUploads(ctx.db).map((row) => ({ row, doc: JSON.parse(row.master) as SyncDossier }));
  let files = 0;
  for (const group of groupByHashes(pending, (p) => p.doc.pages.map((pg) => pg.sha256), MAX_MISSING_QUERY)) {
    files += await uploadGroup(ctx, group.items, group.hashes);
  }
  return files;
}

/**
 * Groups items in order so that each group's distinct hashes fit in `max` (one missing-blobs
 * query). An item with more than `max` hashes of its own makes a group by itself.
 */
export function groupByHashes<T>(items: readonly T[], hashesOf: (item: T) => readonly string[], max: number): Array<{ items: T[]; hashes: string[] }> {
  const groups: Array<{ items: T[]; hashes: string[] }> = [];
  let current: T[] = [];
  let hashes = new Set<string>();
  for (const item of items) {
    const own = new Set(hashesOf(item));
    const added = [...own].filter((h) => !hashes.has(h)).length;
    if (current.length > 0 && hashes.size + added > max) {
      groups.push({ items: current, hashes: [...hashes] });
      current = [];
      hashes = new Set();
    }
    current.push(item);
    for (const h of own) hashes.add(h);
  }
  if (current.length > 0) groups.push({ items: current, hashes: [...hashes] });
  return groups;
}

/** The hashes among `hashes` the server lacks, MAX_MISSING_QUERY per request. */
export async function missingOf(http: SyncHttp, hashes: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (let i = 0; i < hashes.length; i += MAX_MISSING_QUERY) {
    const part = await http.json('POST', '/sync/blobs/missing', { hashes: hashes.slice(i, i + MAX_MISSING_QUERY) }, MissingBlobsResponse);
    for (const h of part.missing) missing.add(h);
  }
  return missing;
}

async function uploadGroup(ctx: UploadContext, group: Pending[], hashes: string[]): Promise<number> {
  const { db, clock, http, tuning, emit, metrics } = ctx;
  const missing = await missingOf(http, hashes);
  let files = 0;
  for (const { row, doc } of group) {
    const sizes = new Map(doc.pages.map((p) => [p.sha256, p.size]));
    // In page order; a page shared with a dossier uploaded earlier in this group is not sent again.
    const mine = [...sizes.keys()].filter((h) => missing.has(h));
    const total = [...sizes.values()].reduce((s, n) => s + n, 0);
    let done = total - mine.reduce((s, h) => s + (sizes.get(h) ?? 0), 0);
    setUploadProgress(db, row.dossier_id, done, total);
    emit(row.dossier_id, done, total);
    for (const sha of mine) {
      const format = pageFormat(db, sha);
      if (!format) throw new Error(`page ${sha} has no local row`);
      const data = await readFile(ctx.store.pathOf(sha, format));
      let acked = 0;
      const r = await uploadBlob(
        http,
        data,
        sha,
        { tusThresholdBytes: tuning.tusThresholdBytes, tusChunkBytes: tuning.tusChunkBytes, bandwidth: () => ctx.bandwidth, sleep: ctx.sleep, urlStorage: ctx.urlStorage },
        (sent, resumedFrom) => {
          acked = Math.max(acked, resumedFrom); // bytes the server kept from an earlier attempt were not sent now
          if (sent > acked) metrics.bytesSent += sent - acked;
          acked = Math.max(acked, sent);
          emit(row.dossier_id, done + sent, total);
        },
        ctx.signal,
      );
      if (r.resumedFrom > 0) metrics.resumedFrom.push(r.resumedFrom);
      metrics.filesUploaded += 1;
      files += 1;
      missing.delete(sha);
      done += data.length;
      setUploadProgress(db, row.dossier_id, done, total);
    }
    // A newer push of the dossier (other pages) while we uploaded: its own pass decides.
    if (getSyncDossier(db, row.dossier_id)?.pushed_at === row.pushed_at) uploadFinished(db, row.dossier_id, clock.now().toISOString());
    emit(row.dossier_id, done, total);
  }
  // Confirm with the server rather than trust our own count (a file may have vanished there).
  const still = await missingOf(http, hashes);
  if (still.size > 0) {
    const lost = group.filter(({ doc }) => doc.pages.some((p) => still.has(p.sha256))).map(({ row }) => row.dossier_id);
    uploadPendingAgain(db, lost);
    emit();
  }
  return files;
}
