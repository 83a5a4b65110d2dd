import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from './use-dossier-pages.js';

type Props = { status: ImportStatus; onCancel(batchId: string): Promise<unknown> };

/**
 * A running import: first every page is checked (nothing stored yet), then each is stored. The
 * bar shows which; Cancel stops after the page in hand and keeps the pages already stored.
 */
export function ImportProgress({ status, onCancel }: Props) {
  const { t } = useTranslation('scan');
  const [cancelling, setCancelling] = useState(false);
  const label = t(status.phase === 'checking' ? 'importChecking' : 'importing', { done: status.done, total: status.total ?? '?', file: status.fileName });
  return (
    <div className="import-progress" role="status" aria-live="polite" data-testid="import-progress" data-phase={status.phase}>
      <progress aria-label={t('importProgress')} value={status.done} max={status.total ?? undefined} />
      <span>{label}</span>
      <button
        type="button"
        className="danger"
        disabled={cancelling}
        onClick={() => {
          setCancelling(true);
          void onCancel(status.batchId).finally(() => setCancelling(false));
        }}
      >
        {cancelling ? t('importCancelling') : t('importCancel')}
      </button>
    </div>
  );
}
