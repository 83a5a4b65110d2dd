import type { Db } from '../db/open.js';
import { allFileRefs, type FileRef } from './page-repo.js';
import type { PageStore } from './page-store.js';

export type StoreCheck = {
  /** Files no row references (e.g. written just before a crash, before their row committed). */
  orphans: string[];
  /** Rows whose file is gone: must never happen, so it is reported loudly. */
  missing: FileRef[];
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
  const missing = refs.filter((r) => !onDisk.has(`${r.sha256}.${r.format}`));
  return { orphans, missing, temps: listing.temps, strays: listing.strays };
}
