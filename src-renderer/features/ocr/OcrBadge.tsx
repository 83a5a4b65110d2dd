import { FileText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OcrPageState } from './use-ocr-status.js';

type Props = {
  n: number;
  state: OcrPageState | undefined;
  busy: boolean;
  onRetry(): void;
  onView(): void;
};

/** A page's OCR state on its thumbnail card: status, the reason of a failure with Retry, and "view text". */
export function OcrBadge({ n, state, busy, onRetry, onView }: Props) {
  const { t } = useTranslation('ocr');
  const status = state?.status ?? 'pending';
  return (
    <div className="ocr-badge-row" data-testid="ocr-badge" data-ocr-status={status}>
      <span className={'ocr-badge ocr-' + status} title={state?.error ? t('failedReason', { reason: state.error }) : undefined}>
        {t(`status.${status}`)}
      </span>
      {status === 'failed' ? (
        <>
          {state?.error ? <span className="ocr-error small" role="note">{state.error}</span> : null}
          <button type="button" className="small" disabled={busy} onClick={onRetry} aria-label={t('retryPage', { n })}>
            {t('retry')}
          </button>
        </>
      ) : null}
      <button type="button" className="small view-text" onClick={onView} aria-label={t('viewPage', { n })} aria-keyshortcuts="V" data-tip={`${t('viewPage', { n })} (V)`}>
        <FileText aria-hidden="true" focusable="false" size={16} strokeWidth={2.2} />
        {t('view')}
      </button>
    </div>
  );
}
