import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import { requireDossier } from './page-checks.js';
import { createPageEdits } from './page-edits.js';
import { createPageImages } from './page-images.js';
import { createPageImport, type ImportLimits } from './page-import.js';
import { createPageIngest } from './page-ingest.js';
import { getPage, listPages, type PageRow } from './page-repo.js';
import type { PageStore } from './page-store.js';
import { pageStartup } from './store-check.js';

export type PageServiceDeps = {
  db: Db;
  clock: Clock;
  store: PageStore;
  logger: Logger;
  /** The desk's import page limits (its settings); the defaults when not given. */
  importLimits?: () => ImportLimits;
};

/**
 * Pages of a dossier, as the core and the handlers see them: the page rows, plus ingest
 * (page-ingest.ts), file imports (page-import.ts), edits (page-edits.ts), images for the viewer (page-images.ts) and the
 * start-up store check (store-check.ts), each in its own file.
 */
export function createPageService(deps: PageServiceDeps) {
  const { db } = deps;
  const ingest = createPageIngest(deps);
  return {
    list(dossierId: string, includeDeleted = false): PageRow[] {
      requireDossier(db, dossierId);
      return listPages(db, dossierId, includeDeleted);
    },
    get: (id: string): PageRow | null => getPage(db, id),
    ...ingest,
    ...createPageImport({ db, logger: deps.logger, ingest, ...(deps.importLimits ? { limits: deps.importLimits } : {}) }),
    ...createPageEdits(deps),
    ...createPageImages(deps),
    startup: () => pageStartup(deps),
  };
}

export type PageService = ReturnType<typeof createPageService>;
