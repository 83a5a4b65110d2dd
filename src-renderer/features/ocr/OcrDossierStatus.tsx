import './ocr.css';
import { useTranslation } from 'react-i18next';
import type { OcrStatusView } from './use-ocr-status.js';

/** The dossier's OCR progress in one line, with a Retry for all failed pages. */
export function OcrDossierStatus({ status, busy, onRetryAll }: { status: OcrStatusView | null; busy: boolean; onRetryAll(): void }) {
  const { t } = useTranslation('ocr');
  if (!status || status.pages.length === 0) return null;
  const c = status.counts;
  const total = c.pending + c.running + c.done + c.failed;
  const parts = [
    c.running ? t('dossierRunning', { count: c.running }) : null,
    c.pending ? t('dossierPending', { count: c.pending }) : null,
    c.failed ? t('dossierFailed', { count: c.failed }) : null,
  ].filter(Boolean);
  return (
    <div className="ocr-dossier-status" role="status" aria-live="polite" data-testid="ocr-dossier-status" data-done={c.done} data-total={total}>
      <progress value={c.done} max={total} aria-label={t('dossierStatus', { done: c.done, total })} />
      <span>
        {t('dossierStatus', { done: c.done, total })}
        {parts.length ? ` (${parts.join(', ')})` : ''}
      </span>
      {c.failed > 0 ? (
        <button type="button" disabled={busy} onClick={onRetryAll}>
          {t('retryAll')}
        </button>
      ) : null}
    </div>
  );
}
