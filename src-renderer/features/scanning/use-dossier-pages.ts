import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../src-shared/contract/pages-commands.js';
import type { EventPayload } from '../../../src-shared/contract/events.js';
import type { Client } from '../../ipc/client.js';

export type ScanStatus = EventPayload<'scan.progress'>;
export type ImportStatus = EventPayload<'pages.progress'>;

/**
 * The dossier's live pages: reloaded whenever a scan stores a page (scan.progress), so
 * thumbnails appear as sheets arrive. Thumbnails are fetched once per image hash.
 */
export function useDossierPages(client: Client, dossierId: string) {
  const [pages, setPages] = useState<Page[]>([]);
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const [scan, setScan] = useState<ScanStatus | null>(null);
  const [importing, setImporting] = useState<ImportStatus | null>(null);
  const asked = useRef(new Set<string>());

  const reload = useCallback(async () => {
    const r = await client.call('pages.list', { dossierId, includeDeleted: false });
    if (r.ok) setPages(r.value);
  }, [client, dossierId]);

  const soon = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = useCallback(() => {
    soon.current ??= setTimeout(() => {
      soon.current = null;
      void reload();
    }, 1000);
  }, [reload]);
  useEffect(
    () => () => {
      if (soon.current) clearTimeout(soon.current);
    },
    [],
  );

  useEffect(() => {
    void reload();
    void client.call('scan.active', { dossierId }).then((r) => {
      if (r.ok && r.value[0]) setScan({ ...r.value[0], pageId: null });
    });
    return client.connection.bridge.onEvent((event, payload) => {
      if (event === 'scan.progress') {
        const p = payload as ScanStatus;
        if (p.dossierId !== dossierId) return;
        setScan(p);
        if (p.pageId || p.state !== 'scanning') void reload();
      } else if (event === 'pages.progress') {
        const p = payload as ImportStatus;
        if (p.dossierId !== dossierId) return;
        setImporting(p);
        // Stored pages appear while a long import runs, at most once a second (a list of
        // thousands of pages is not fetched after every page).
        if (p.phase === 'storing') reloadSoon();
      }
    });
  }, [client, dossierId, reload, reloadSoon]);

  // Fetch thumbnails not seen yet (a rotated page has a new thumbnail hash).
  useEffect(() => {
    for (const p of pages) {
      const key = p.thumbSha256;
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      void client.call('pages.image', { id: p.id, variant: 'thumb' }).then((r) => {
        if (r.ok) setThumbs((t) => ({ ...t, [key]: `data:${r.value.mime};base64,${r.value.base64}` }));
        else asked.current.delete(key);
      });
    }
  }, [client, pages]);

  return { pages, setPages, thumbs, scan, setScan, importing, setImporting, reload };
}
