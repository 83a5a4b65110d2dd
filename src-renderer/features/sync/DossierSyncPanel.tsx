import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../src-shared/contract/commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { problemText } from '../../i18n/i18n.js';
import { SyncChip } from './SyncChip.js';
import { ensureSyncTexts } from './sync-texts.js';
import { useSyncStatus } from './use-sync-status.js';

type Conflict = CommandOutput<'sync.conflicts'>[number];

/**
 * The dossier page's sync line: the chip with the province's status and note, and for
 * supervisors and admins the unresolved conflicts with their explanation (never hidden).
 */
export function DossierSyncPanel({ dossierId, dossierStatus = '' }: { dossierId: string; dossierStatus?: string }) {
  ensureSyncTexts();
  const { t } = useTranslation('sync');
  const { client, session, settings } = useApp();
  const { byDossier, live, status } = useSyncStatus(client, [dossierId], dossierStatus);
  const state = byDossier.get(dossierId);
  const lead = session.user.role !== 'clerk';
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const conflictCount = state?.conflicts ?? 0;

  const loadConflicts = useCallback(async () => {
    if (!lead) return;
    const r = await client.call('sync.conflicts', { dossierId, includeResolved: false });
    if (r.ok) setConflicts(r.value);
  }, [client, dossierId, lead]);
  useEffect(() => {
    void loadConflicts();
  }, [loadConflicts, conflictCount]);

  if (!status?.enrolled || !state || state.stage === 'draft') return null;
  return (
    <section className="sync-dossier" aria-label={t('dossierTitle')}>
      <SyncChip state={state} live={live.get(dossierId)} showNote />
      {state.province?.updatedAt ? <span className="small muted"> · {formatDateTime(state.province.updatedAt, settings?.timeZone)}</span> : null}
      {conflicts.length > 0 ? (
        <div className="sync-conflicts" role="alert">
          <strong>{t('conflictsTitle')}</strong>
          <div className="small muted">{t('conflictsHint')}</div>
          <ul>
            {conflicts.map((c) => (
              <li key={c.id}>
                {formatDateTime(c.at, settings?.timeZone)}: {problemText(c.problem) ?? c.message}{' '}
                <button
                  type="button"
                  className="small"
                  onClick={() => void client.call('sync.resolveConflict', { id: c.id }).then(() => loadConflicts())}
                >
                  {t('resolve')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
