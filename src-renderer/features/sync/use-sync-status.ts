import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src-shared/contract/commands.js';
import type { EventPayload } from '../../../src-shared/contract/events.js';
import type { Client } from '../../ipc/client.js';

export type SyncStatusView = CommandOutput<'sync.status'>;
export type DossierSyncView = SyncStatusView['perDossier'][number];
type Progress = EventPayload<'sync.progress'>;

/** Reloads at most this often while events stream in (an upload emits one per chunk). */
const RELOAD_THROTTLE_MS = 300;

/**
 * The desk's sync status (for `dossierIds`, or the most recently changed dossiers), live:
 * loaded with sync.status and loaded again after sync.progress events (throttled), while a
 * dossier's bytes move on from each event at once so the progress bar runs smoothly.
 */
export function useSyncStatus(client: Client, dossierIds?: readonly string[], refreshKey = '') {
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [live, setLive] = useState<Map<string, { done: number; total: number }>>(new Map());
  const key = dossierIds ? dossierIds.join(',') : '*';
  const idsRef = useRef(dossierIds);
  idsRef.current = dossierIds;

  const reload = useCallback(async () => {
    const ids = idsRef.current;
    if (ids && ids.length === 0) return setStatus(null);
    const r = await client.call('sync.status', ids ? { dossierIds: ids.slice(0, 500) } : {});
    if (r.ok) setStatus(r.value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  // refreshKey: something the caller knows changed (a dossier just received) without a sync event.
  useEffect(() => {
    void reload();
  }, [reload, refreshKey]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.connection.bridge.onEvent((event, payload) => {
      if (event !== 'sync.progress') return;
      const p = payload as Progress;
      if (p.dossierId) {
        const id = p.dossierId;
        setLive((m) => new Map(m).set(id, { done: p.bytesDone, total: p.bytesTotal }));
      }
      setStatus((s) => (s ? { ...s, state: p.state } : s));
      if (timer === null) {
        timer = setTimeout(() => {
          timer = null;
          void reload();
        }, RELOAD_THROTTLE_MS);
      }
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, reload]);

  const byDossier = new Map((status?.perDossier ?? []).map((d) => [d.dossierId, d]));
  return { status, byDossier, live, reload };
}
