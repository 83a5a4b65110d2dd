import { AppError } from '../../src-shared/contract/errors.js';
import type { Db } from '../db/open.js';
import { getPage } from './page-repo.js';
import type { PageStore } from './page-store.js';
import { isPurged } from './store-check.js';

export type PageImagesDeps = { db: Db; store: PageStore };

/** Page images for the viewer: the thumbnail for the strip, the archive image for the large view. */
export function createPageImages({ db, store }: PageImagesDeps) {
  return {
    /** The stored image of a page, for display. */
    async image(id: string, variant: 'thumb' | 'archive'): Promise<{ mime: string; data: Buffer }> {
      const page = getPage(db, id);
      if (!page) throw new AppError('NOT_FOUND', 'pages.pageNotFound');
      if (variant === 'thumb') return { mime: 'image/jpeg', data: await store.read(page.thumb_sha256, 'jpeg') };
      // Retention (issue 5) removes images the province holds: say so rather than "file missing".
      if (!(await store.exists(page.sha256, page.archive_format)) && isPurged(db, page.sha256)) {
        throw new AppError('NOT_FOUND', 'pages.purged');
      }
      return { mime: page.archive_format === 'png' ? 'image/png' : 'image/jpeg', data: await store.read(page.sha256, page.archive_format) };
    },
  };
}

export type PageImages = ReturnType<typeof createPageImages>;
