import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierReview } from '../../../src-shared/contract/review-commands.js';
import type { Dossier, ReviewReason } from '../../../src-shared/contract/schemas.js';
import { useApp } from '../../app/app-context.js';
import { navigate } from '../../app/hash-route.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { errorText } from '../../i18n/i18n.js';
import { OcrPageViewer } from '../ocr/OcrPageViewer.js';
import { ensureOcrTexts } from '../ocr/ocr-texts.js';
import { useOcrStatus } from '../ocr/use-ocr-status.js';
import { useDossierPages } from '../scanning/use-dossier-pages.js';
import { draftKey, findingsOf, loadDraft, mayApprove, nextUnmarked, reasonKeys, saveDraft, type Mark, type ReviewDraft } from './review-marks.js';
import { ensureReviewTexts } from './review-texts.js';
import './review.css';

const emptyDraft: ReviewDraft = { marks: {}, dossierLevel: null, note: '' };
const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');

/**
 * A supervisor's quality review of one dossier: page by page beside its OCR text (the OCR viewer),
 * each page marked right or wrong for a reason, then approve or send back with the reasons.
 * Keys when not typing: O right, 1–6 a reason, Page Down / Page Up the next / previous page.
 */
export function ReviewScreen({ dossierId }: { dossierId: string }) {
  ensureReviewTexts();
  ensureOcrTexts();
  const { t } = useTranslation('review');
  const { client } = useApp();
  const { busy, error, run } = useAction();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [review, setReview] = useState<DossierReview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { pages, thumbs } = useDossierPages(client, dossierId);
  const ocr = useOcrStatus(client, dossierId, pages.map((p) => p.id + p.sha256).join());
  const [current, setCurrent] = useState<string | null>(null);
  const [draft, setDraft] = useState<ReviewDraft>(emptyDraft);
  const key = review ? draftKey(dossierId, review.round) : null;
  const ids = pages.map((p) => p.id);

  useEffect(() => {
    void Promise.all([client.call('dossiers.get', { id: dossierId }), client.call('review.get', { dossierId })]).then(([d, r]) => {
      if (d.ok) setDossier(d.value);
      else setLoadError(errorText(d.error));
      if (r.ok) setReview(r.value);
      else setLoadError(errorText(r.error));
    });
  }, [client, dossierId]);

  // The review in progress comes back after a reload; it is kept while it changes.
  useEffect(() => {
    if (key) setDraft(loadDraft(key) ?? emptyDraft);
  }, [key]);
  const update = useCallback(
    (next: ReviewDraft) => {
      setDraft(next);
      if (key) saveDraft(key, next);
    },
    [key],
  );

  useEffect(() => {
    if (!current && pages[0]) setCurrent(pages[0].id);
  }, [current, pages]);

  const mark = useCallback(
    (pageId: string, m: Mark) => {
      const marks = { ...draft.marks, [pageId]: m };
      update({ ...draft, marks });
      // A page found right moves on to the next unchecked one; a wrong one stays for its note.
      if (m.ok) setCurrent(nextUnmarked(ids, marks, pageId) ?? pageId);
    },
    [draft, update, ids],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!current) return;
      const i = ids.indexOf(current);
      if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        const next = ids[Math.min(ids.length - 1, Math.max(0, i + (e.key === 'PageDown' ? 1 : -1)))];
        if (next) setCurrent(next);
        return;
      }
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'o' || e.key === 'O') mark(current, { ok: true });
      else if (/^[1-6]$/.test(e.key)) mark(current, { ok: false, reason: reasonKeys[Number(e.key) - 1]!, note: '' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, ids, mark]);

  if (loadError) return <ErrorBanner message={loadError} />;
  if (!dossier || !review) return <Spinner />;

  const findings = findingsOf(ids, draft.marks, draft.dossierLevel);
  const decide = async (approve: boolean) => {
    const r = await run(() =>
      approve ? client.call('review.approve', { dossierId, note: draft.note }) : client.call('review.sendBack', { dossierId, findings, note: draft.note }),
    );
    if (!r) return;
    if (key) saveDraft(key, null);
    setReview(r);
    navigate('/queues/waiting_review');
  };
  const viewed = pages.find((p) => p.id === current) ?? null;
  const viewedMark = viewed ? draft.marks[viewed.id] : undefined;
  const label = (m: Mark | undefined) => (!m ? t('unmarked') : m.ok ? t('ok') : t(`reasons.${m.reason}`));

  return (
    <article className="review-screen" aria-labelledby="review-title">
      <div className="page-head">
        <h1 id="review-title">
          {t('title')} <span className="mono">{dossier.code}</span>
        </h1>
        <span>
          <a href="#/queues/waiting_review">{t('back')}</a> · <a href={`#/dossiers/${dossierId}`}>{t('openDossier')}</a>
        </span>
      </div>
      <p>
        <strong>{dossier.applicant.fullName}</strong> · {dossier.procedureCode} {dossier.procedureName} · {t('round', { round: review.round })} ·{' '}
        <span data-testid="review-state">{t(`state.${review.state}`)}</span>
      </p>
      <ErrorBanner message={error} />
      {review.state !== 'pending' ? <InfoBanner message={t('notWaiting')} /> : null}
      <div className="review-layout">
        <ol className="review-pages" aria-label={t('pages')}>
          {pages.length === 0 ? <li className="muted">{t('noPages')}</li> : null}
          {pages.map((p) => {
            const m = draft.marks[p.id];
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className={'review-page' + (p.id === current ? ' current' : '') + (m ? (m.ok ? ' ok' : ' wrong') : '')}
                  aria-current={p.id === current ? 'true' : undefined}
                  data-testid="review-page"
                  onClick={() => setCurrent(p.id)}
                >
                  {thumbs[p.thumbSha256] ? <img src={thumbs[p.thumbSha256]} alt="" /> : null}
                  <span>{t('pageN', { n: p.position })}</span>
                  <span className="small">{label(m)}</span>
                </button>
              </li>
            );
          })}
        </ol>
        <div>
          {viewed ? (
            <>
              <fieldset className="review-verdict">
                <legend>{t('verdict', { n: viewed.position })}</legend>
                <button type="button" className={viewedMark?.ok ? 'primary' : undefined} aria-pressed={viewedMark?.ok === true} aria-keyshortcuts="O" onClick={() => mark(viewed.id, { ok: true })}>
                  {t('ok')} <kbd>O</kbd>
                </button>
                {reasonKeys.map((reason, i) => {
                  const on = viewedMark !== undefined && !viewedMark.ok && viewedMark.reason === reason;
                  return (
                    <button key={reason} type="button" className={on ? 'danger' : undefined} aria-pressed={on} aria-keyshortcuts={String(i + 1)} onClick={() => mark(viewed.id, { ok: false, reason, note: on ? viewedMark.note : '' })}>
                      {t(`reasons.${reason}`)} <kbd>{i + 1}</kbd>
                    </button>
                  );
                })}
                {viewedMark && !viewedMark.ok ? (
                  <label className="review-note">
                    {t('pageNote')}
                    <input value={viewedMark.note} maxLength={1000} onChange={(e) => update({ ...draft, marks: { ...draft.marks, [viewed.id]: { ...viewedMark, note: e.target.value } } })} />
                  </label>
                ) : null}
              </fieldset>
              <OcrPageViewer
                page={viewed}
                n={viewed.position ?? 1}
                textVersion={ocr.lastDone?.pageId === viewed.id ? ocr.lastDone.at : 0}
                onClose={() => navigate('/queues/waiting_review')}
              />
            </>
          ) : null}
        </div>
      </div>
      <fieldset className="review-dossier">
        <legend>{t('dossierFinding')}</legend>
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.dossierLevel !== null}
            onChange={(e) => update({ ...draft, dossierLevel: e.target.checked ? { reason: 'missing_page' as ReviewReason, note: '' } : null })}
          />{' '}
          {t('dossierMissing')}
        </label>
        {draft.dossierLevel ? (
          <input aria-label={t('pageNote')} value={draft.dossierLevel.note} maxLength={1000} onChange={(e) => update({ ...draft, dossierLevel: { reason: 'missing_page', note: e.target.value } })} />
        ) : null}
        <label>
          {t('dossierNote')}
          <textarea rows={2} value={draft.note} maxLength={1000} onChange={(e) => update({ ...draft, note: e.target.value })} />
        </label>
      </fieldset>
      <p className="muted small">{t('keys')}</p>
      <div className="actions">
        <button type="button" disabled={busy || review.state !== 'pending' || findings.length === 0} onClick={() => void decide(false)}>
          {t('sendBack', { count: findings.length })}
        </button>
        <button type="button" className="primary" title={t('approveHint')} disabled={busy || review.state !== 'pending' || !mayApprove(ids, draft.marks, draft.dossierLevel)} onClick={() => void decide(true)}>
          {t('approve')}
        </button>
      </div>
    </article>
  );
}
