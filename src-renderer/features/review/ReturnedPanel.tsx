import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierReview } from '../../../src-shared/contract/review-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner } from '../../components/Feedback.js';
import { ensureReviewTexts } from './review-texts.js';
import { useDossierDoc } from './use-dossier-doc.js';
import './review.css';

/**
 * On a dossier's page: while it is sent back, what the reviewer found (per page and for the whole
 * dossier) and the button to resubmit once fixed; for a supervisor, the way into its review.
 * Follows the read model, so a return made in another window shows up here at once.
 */
export function ReturnedPanel({ dossierId }: { dossierId: string }) {
  ensureReviewTexts();
  const { t } = useTranslation('review');
  const { client, store, session, settings } = useApp();
  const doc = useDossierDoc(store, dossierId);
  const [review, setReview] = useState<DossierReview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const isLead = session.user.role !== 'clerk';

  const load = useCallback(async () => {
    const r = await client.call('review.get', { dossierId });
    if (r.ok) setReview(r.value);
  }, [client, dossierId]);
  useEffect(() => {
    void load();
  }, [load, doc?.reviewState, doc?.seq]);

  if (!review || review.state === 'none') return null;
  const returned = review.decisions.find((d) => d.decision === 'returned');
  const resubmit = async () => {
    const r = await run(() => client.call('review.resubmit', { dossierId }));
    if (r) {
      setReview(r);
      setNotice(t('resubmitted'));
    }
  };

  return (
    <section aria-label={t('title')} data-testid="review-panel">
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      {review.state === 'returned' && returned ? (
        <div className="returned-panel" role="alert" data-testid="returned-panel">
          <h2>{t('returnedTitle', { round: returned.round })}</h2>
          <p className="small">{t('returnedBy', { name: returned.decidedByName, at: formatDateTime(returned.decidedAt, settings?.timeZone) })}</p>
          <ul>
            {returned.findings.map((f, i) => (
              <li key={i} data-testid="return-reason">
                <strong>{f.pagePosition !== null ? t('pageN', { n: f.pagePosition }) : t('wholeDossier')}</strong>: {t(`reasons.${f.reason}`)}
                {f.note ? ` — ${f.note}` : ''}
              </li>
            ))}
          </ul>
          {returned.note ? <p>{returned.note}</p> : null}
          <p className="small">{t('returnedIntro')}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void resubmit()}>
            {t('resubmit')}
          </button>
        </div>
      ) : (
        <p className="small">
          {t(`state.${review.state}`)} · {t('round', { round: review.round })}
          {isLead && review.state === 'pending' ? (
            <>
              {' · '}
              <a href={`#/review/${dossierId}`}>{t('title')}</a>
            </>
          ) : null}
        </p>
      )}
    </section>
  );
}
