import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context.js';
import { fold, formatDate, formatDateTime } from '../../app/format.js';
import { navigate } from '../../app/hash-route.js';
import { Spinner } from '../../components/Feedback.js';
import type { DossierDoc } from '../../data/dossiers-db.js';
import { ensureReviewTexts } from '../review/review-texts.js';
import { SyncChip } from '../sync/SyncChip.js';
import { syncColumnLabel } from '../sync/sync-texts.js';
import { useSyncStatus } from '../sync/use-sync-status.js';

/** Rows shown at once; the filter narrows the rest. */
const maxRows = 500;

/**
 * The list is a live RxDB query: changes made in any window appear without reload. The user's
 * own dossiers sent back by a reviewer come first, with the reasons, until they are resubmitted.
 */
export function DossierList() {
  ensureReviewTexts();
  const { t } = useTranslation();
  const { store, settings, client, session } = useApp();
  const me = session.user.id;
  const returnedToMe = useCallback((d: DossierDoc) => d.reviewState === 'returned' && d.assignedTo === me, [me]);
  const [docs, setDocs] = useState<DossierDoc[] | null>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    if (!store) return;
    let ready = false;
    let latest: DossierDoc[] = [];
    const sub = store.dossiers.find().$.subscribe((rows) => {
      latest = rows.map((r) => r.toJSON() as DossierDoc);
      if (ready) setDocs(latest);
    });
    // Until the first pull has caught up, a spinner rather than a misleading empty list.
    void store.ready.then(() => {
      ready = true;
      setDocs(latest);
    });
    return () => sub.unsubscribe();
  }, [store]);

  const rows = useMemo(() => {
    if (!docs) return [];
    const words = fold(filter).split(/\s+/).filter(Boolean);
    return docs
      .filter((d) => {
        if (words.length === 0) return true;
        const hay = fold([d.code, d.applicantName, d.applicantIdNumber, d.procedureCode, d.procedureName].join(' '));
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => Number(returnedToMe(b)) - Number(returnedToMe(a)) || (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }, [docs, filter, returnedToMe]);
  const returnedCount = docs ? docs.filter(returnedToMe).length : 0;

  const shown = rows.slice(0, maxRows);
  const sync = useSyncStatus(client, shown.filter((d) => d.status !== 'draft').map((d) => d.id));
  const syncOn = sync.status?.enrolled === true;
  const tz = settings?.timeZone;
  return (
    <section aria-labelledby="list-title">
      <div className="page-head">
        <h1 id="list-title">{t('list.title')}</h1>
        <a href="#/new" className="button-like primary">
          {t('nav.newDossier')} <kbd>Alt+N</kbd>
        </a>
      </div>
      <div className="toolbar">
        <label htmlFor="dossier-filter" className="sr-only">
          {t('list.filter')}
        </label>
        <input
          id="dossier-filter"
          type="search"
          placeholder={t('list.filterPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {docs ? <span className="muted small">{t('list.count', { count: rows.length })}</span> : null}
      </div>
      {returnedCount > 0 ? (
        <p className="banner banner-error" role="status" data-testid="returned-count">
          {t('review:returnedList')}: {returnedCount}
        </p>
      ) : null}
      {docs === null ? (
        <Spinner />
      ) : rows.length === 0 ? (
        <p className="empty">{docs.length === 0 ? t('list.empty') : t('list.emptyFilter')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('list.code')}</th>
              <th scope="col">{t('list.applicant')}</th>
              <th scope="col">{t('list.procedure')}</th>
              <th scope="col">{t('list.receivedAt')}</th>
              <th scope="col">{t('list.appointmentAt')}</th>
              <th scope="col">{t('list.status')}</th>
              {syncOn ? <th scope="col">{syncColumnLabel()}</th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id} data-testid="dossier-row" data-returned={returnedToMe(d) || undefined} onClick={() => navigate(`/dossiers/${d.id}`)}>
                <td className="mono">
                  <a href={`#/dossiers/${d.id}`}>{d.code ?? t('list.noCode')}</a>
                </td>
                <td>
                  {d.applicantName}
                  <div className="muted small mono">{d.applicantIdNumber}</div>
                </td>
                <td title={d.procedureName}>
                  <span className="mono">{d.procedureCode}</span> <span className="clip">{d.procedureName}</span>
                </td>
                <td>{formatDateTime(d.receivedAt, tz)}</td>
                <td>{formatDate(d.appointmentAt, tz)}</td>
                <td>
                  <span className={'badge badge-' + d.status}>{t(`status.${d.status}`)}</span>
                  {d.reviewState === 'returned' ? (
                    <div className="small returned-reasons" data-testid="returned-reasons">
                      <strong>{t('review:state.returned')}</strong>: {d.returnReasons.map((r) => t(`review:reasons.${r}`)).join(', ')}
                    </div>
                  ) : null}
                </td>
                {syncOn ? (
                  <td>
                    <SyncChip state={sync.byDossier.get(d.id)} live={sync.live.get(d.id)} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
