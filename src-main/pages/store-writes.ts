import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import type { ImageFormat } from '../imaging/process-page.js';
import { isReferenced } from './page-repo.js';
import type { PageStore, StoredFile } from './page-store.js';

export type PageFilesDeps = { db: Db; store: PageStore; logger: Logger };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Removes those of `files` that no page row references. A removal that fails is only logged:
 * the file stays an orphan, which the start-up check reports.
 */
export async function dropUnreferenced({ db, store, logger }: PageFilesDeps, files: readonly { sha256: string; format: ImageFormat }[]): Promise<void> {
  for (const f of files) {
    if (isReferenced(db, f.sha256)) continue;
    try {
      await store.remove(f.sha256, f.format);
    } catch (error) {
      logger.warn('could not remove unreferenced page file', { sha256: f.sha256, error: errorText(error) });
    }
  }
}

/**
 * The files one operation writes to the store. Files go in before their row commits; when the
 * operation fails afterwards, `undo` takes back exactly the files it created (a file that was
 * already there, or that a row now references, stays).
 */
export function storeWrites(deps: PageFilesDeps) {
  const created: StoredFile[] = [];
  return {
    async put(data: Uint8Array, format: ImageFormat): Promise<StoredFile> {
      const r = await deps.store.put(data, format);
      if (r.created) created.push(r);
      return r;
    },
    undo: () => dropUnreferenced(deps, created),
  };
}

export type StoreWrites = ReturnType<typeof storeWrites>;
