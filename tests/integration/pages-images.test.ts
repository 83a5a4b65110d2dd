import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticFile } from '../fixtures/synthetic-page.js';
import { pagesDesk, type PagesDesk } from '../fixtures/pages-setup.js';

let desk: PagesDesk;
afterEach(() => desk?.core.cleanup());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('page images for the viewer', () => {
  it('serves the thumbnail and the archive image of a page with their types, and refuses an unknown page', async () => {
    desk = await pagesDesk();
    const [page] = (await desk.pages.importFiles({ dossierId: desk.dossierId, files: [{ name: 'a.png', data: await syntheticFile('png', { dpi: 100 }) }], userId: null })).pages;

    const thumb = await desk.pages.image(page!.id, 'thumb');
    expect(thumb.mime).toBe('image/jpeg');
    expect(sha256(thumb.data)).toBe(page!.thumb_sha256);

    const archive = await desk.pages.image(page!.id, 'archive');
    expect(archive.mime).toBe(page!.archive_format === 'png' ? 'image/png' : 'image/jpeg');
    expect(sha256(archive.data)).toBe(page!.sha256);

    // Soft delete keeps a page's files (until the dossier has synced), and so its image.
    desk.pages.remove(page!.id, null);
    expect(sha256((await desk.pages.image(page!.id, 'archive')).data)).toBe(page!.sha256);

    await expect(desk.pages.image('00000000-0000-4000-8000-000000000000', 'thumb')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
