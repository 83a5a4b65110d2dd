import { useTranslation } from 'react-i18next';
import { problemText } from '../../i18n/i18n.js';
import { ensureSyncTexts, formatBytes } from './sync-texts.js';
import type { DossierSyncView } from './use-sync-status.js';
import './sync.css';

type Props = {
  state: DossierSyncView | undefined;
  /** Bytes from the latest sync.progress event for this dossier, ahead of the last reload. */
  live?: { done: number; total: number } | undefined;
  /** The dossier page shows the province's note in full; the list keeps it to a tooltip. */
  showNote?: boolean;
};

/**
 * Where one dossier stands with the province: on this desk only / uploading (bytes) / at the
 * province, then the province's own status with its note. Conflicts always show, and so does
 * the province's refusal of the dossier's code (it stays on this desk until that is fixed).
 */
export function SyncChip({ state, live, showNote = false }: Props) {
  ensureSyncTexts();
  const { t, i18n } = useTranslation('sync');
  if (!state || state.stage === 'draft') return null;
  const province = state.province?.status ? state.province : null;
  const note = state.province?.note ?? '';
  const bytes = state.stage === 'uploading' && live && live.total === state.bytesTotal ? live : { done: state.bytesDone, total: state.bytesTotal };
  const done = Math.min(Math.max(bytes.done, state.bytesDone), bytes.total);
  return (
    <span className="sync-chip-wrap" data-testid="sync-chip" data-stage={state.stage} data-province={province?.status ?? ''}>
      <span className={'sync-chip sync-' + state.stage} title={note ? t('chip.note', { note }) : undefined}>
        {t(`chip.${state.stage}`)}
      </span>
      {state.stage === 'uploading' ? (
        <span className="sync-progress">
          <progress aria-label={t('chip.progress')} value={done} max={Math.max(bytes.total, 1)} />
          <span className="small muted">{t('chip.bytes', { done: formatBytes(done, i18n.language), total: formatBytes(bytes.total, i18n.language) })}</span>
        </span>
      ) : null}
      {province ? (
        <span className={'sync-chip province-' + province.status} data-testid="province-status" title={note ? t('chip.note', { note }) : undefined}>
          {t(`province.${province.status}`)}
        </span>
      ) : null}
      {showNote && note ? (
        <span className="small" data-testid="province-note">
          {t('chip.note', { note })}
        </span>
      ) : null}
      {state.refusal && state.stage === 'local_only' ? (
        <span className="sync-chip sync-conflict" role="status" data-testid="sync-refusal" data-refusal={state.refusal}>
          ⚠ {t('chip.refused', { reason: problemText({ key: `sync.refused.${state.refusal}` }) ?? state.refusal })}
        </span>
      ) : null}
      {state.conflicts > 0 ? (
        <span className="sync-chip sync-conflict" role="status" data-testid="sync-conflicts">
          ⚠ {t('chip.conflicts', { count: state.conflicts })}
        </span>
      ) : null}
    </span>
  );
}
