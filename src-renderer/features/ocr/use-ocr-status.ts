import { useCallback, useEffect, useState } from 'react';
import type { EventPayload } from '../../../src-shared/contract/events.js';
import type { CommandOutput } from '../../../src-shared/contract/commands.js';
import type { Client } from '../../ipc/client.js';

export type OcrStatusView = CommandOutput<'ocr.status'>;
export type OcrPageState = OcrStatusView['pages'][number];
type Progress = EventPayload<'ocr.progress'>;

/**
 * OCR state of a dossier's pages, live: loaded with ocr.status (again whenever the set of pages
 * changes: `pagesKey`), then kept current by the ocr.progress event, without polling.
 * `lastDone` names the page that last finished, so a viewer can reload its text.
 */
export function useOcrStatus(client: Client, dossierId: string, pagesKey: string) {
  const [status, setStatus] = useState<OcrStatusView | null>(null);
  const [lastDone, setLastDone] = useState<{ pageId: string; at: number } | null>(null);

  const reload = useCallback(async () => {
    const r = await client.call('ocr.status', { dossierId });
    if (r.ok) setStatus(r.value);
  }, [client, dossierId]);

  useEffect(() => {
    void reload();
  }, [reload, pagesKey]);

  useEffect(
    () =>
      client.connection.bridge.onEvent((event, payload) => {
        if (event !== 'ocr.progress') return;
        const p = payload as Progress;
        if (p.dossierId !== dossierId) return;
        setStatus((s) => {
          if (!s) return s;
          const known = s.pages.some((x) => x.pageId === p.pageId);
          if (!known) {
            // A page this view has not listed yet (just imported): ask for the whole picture.
            void reload();
            return { ...s, counts: p.counts };
          }
          return {
            counts: p.counts,
            pages: s.pages.map((x) => (x.pageId === p.pageId ? { ...x, status: p.status, error: p.error } : x)),
          };
        });
        if (p.status === 'done') setLastDone({ pageId: p.pageId, at: Date.now() });
      }),
    [client, dossierId, reload],
  );

  const byPage = new Map((status?.pages ?? []).map((p) => [p.pageId, p]));
  return { status, byPage, reload, lastDone };
}
