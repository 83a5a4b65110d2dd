import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../src-shared/contract/schemas.js';
import { useApp } from '../../app/app-context.js';
import { formatDate, formatDateTime, formatVnd } from '../../app/format.js';
import { navigate } from '../../app/hash-route.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, Spinner } from '../../components/Feedback.js';
import { errorText } from '../../i18n/i18n.js';
import { ReturnedPanel } from '../review/ReturnedPanel.js';
import { ScanningPanel } from '../scanning/ScanningPanel.js';
import { DossierSyncPanel } from '../sync/DossierSyncPanel.js';
import { WorkflowPanel } from '../workflow/WorkflowPanel.js';
import { downloadBlob, pdfBlob, printBlob, receiptFileName } from './receipt-file.js';

/** One dossier: its code, lookup code and appointment, the receipt; edit while a draft. */
/** `pageId`: a page to open in the OCR viewer at once (the route of a search hit on a page). */
export function DossierPage({ dossierId, pageId }: { dossierId: string; pageId?: string }) {
  const { t } = useTranslation();
  const { client, settings } = useApp();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const { busy, error, fields, run, setError } = useAction();
  const [loadError, setLoadError] = useState<string | null>(null);
  const tz = settings?.timeZone;

  const load = useCallback(async () => {
    const r = await client.call('dossiers.get', { id: dossierId });
    if (r.ok) setDossier(r.value);
    else setLoadError(errorText(r.error));
  }, [client, dossierId]);

  useEffect(() => {
    void load();
  }, [load]);

  const receipt = async (): Promise<Blob | null> => {
    const r = await run(() => client.call('receipt.pdf', { id: dossierId }));
    return r ? pdfBlob(r.pdfBase64) : null;
  };

  const download = async () => {
    const blob = await receipt();
    if (blob && dossier) downloadBlob(blob, receiptFileName(dossier.code));
  };

  // The whole dossier as one searchable PDF (image + invisible OCR text, a bookmark per component).
  const [exportNote, setExportNote] = useState<string | null>(null);
  const exportPdf = async () => {
    const r = await run(() => client.call('export.dossierPdf', { dossierId }));
    if (!r) return;
    downloadBlob(pdfBlob(r.pdfBase64), r.fileName);
    setExportNote(r.pagesWithoutText.length ? t('dossier.exportWithoutText', { count: r.pagesWithoutText.length }) : null);
  };

  const print = async () => {
    const blob = await receipt();
    if (!blob) return;
    try {
      await printBlob(blob);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const receive = async () => {
    const r = await run(() => client.call('dossiers.receive', { id: dossierId }));
    if (r) setDossier(r);
  };

  if (loadError) return <ErrorBanner message={loadError} />;
  if (!dossier) return <Spinner />;
  const d = dossier;
  const isDraft = d.status === 'draft';

  return (
    <article className="dossier-page" aria-labelledby="dossier-title">
      <div className="page-head">
        <h1 id="dossier-title">
          {t('dossier.title')} <span className={'badge badge-' + d.status}>{t(`status.${d.status}`)}</span>
        </h1>
        <a href="#/dossiers" className="small">
          {t('dossier.back')}
        </a>
      </div>
      {isDraft ? null : <ReturnedPanel dossierId={d.id} />}
      <DossierSyncPanel dossierId={d.id} dossierStatus={d.status} />
      <ErrorBanner message={error} />
      {Object.keys(fields).length > 0 ? (
        // Receiving from here: what is missing, with a way to fix it in the form.
        <ul className="field-error-list" role="alert">
          {Object.entries(fields).map(([path, message]) => (
            <li key={path}>
              {fieldLabel(path, t)}: {message}
            </li>
          ))}
          {isDraft ? (
            <li>
              <a href={`#/dossiers/${d.id}/edit`}>{t('dossier.edit')}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <section className="key-facts" aria-label={t('dossier.code')}>
        <div>
          <span className="label">{t('dossier.code')}</span>
          <strong className="big mono" data-testid="dossier-code">
            {d.code ?? '—'}
          </strong>
        </div>
        <div>
          <span className="label">{t('dossier.lookupCode')}</span>
          <strong className="big mono" data-testid="lookup-code">
            {d.lookupCode ?? '—'}
          </strong>
        </div>
        <div>
          <span className="label">{t('dossier.appointment')}</span>
          <strong className="big" data-testid="appointment">
            {formatDateTime(d.appointmentAt, tz)}
          </strong>
        </div>
      </section>
      <div className="actions left">
        {isDraft ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void receive()}>
              {t('dossier.receive')}
            </button>
            <button type="button" disabled={busy} onClick={() => navigate(`/dossiers/${d.id}/edit`)}>
              {t('dossier.edit')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void download()}>
              {t('dossier.download')}
            </button>
            <button type="button" disabled={busy} onClick={() => void print()}>
              {t('dossier.print')}
            </button>
            <button type="button" disabled={busy} onClick={() => void exportPdf()}>
              {t('dossier.exportPdf')}
            </button>
            <a href="#/new" className="button-like">
              {t('dossier.newAnother')}
            </a>
          </>
        )}
        {busy ? <Spinner label={t('dossier.preparing')} /> : null}
      </div>
      {exportNote ? <p className="hint" role="status">{exportNote}</p> : null}
      <dl className="details">
        <dt>{t('dossier.procedure')}</dt>
        <dd>
          {d.procedureCode} — {d.procedureName}
        </dd>
        <dt>{t('dossier.applicant')}</dt>
        <dd data-testid="applicant-name">{d.applicant.fullName}</dd>
        <dt>{t('dossier.idNumber')}</dt>
        <dd className="mono">{d.applicant.idNumber}</dd>
        <dt>{t('dossier.dateOfBirth')}</dt>
        <dd>{formatDate(d.applicant.dateOfBirth)}</dd>
        <dt>{t('dossier.contacts')}</dt>
        <dd>{[d.applicant.phone, d.applicant.email].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>{t('dossier.address')}</dt>
        <dd>{d.applicant.address || '—'}</dd>
        <dt>{t('dossier.receivedAt')}</dt>
        <dd>{formatDateTime(d.receivedAt, tz)}</dd>
        <dt>{t('dossier.sets')}</dt>
        <dd>
          {d.setsCount}
          {d.pages || d.copies ? ' · ' + t('dossier.pagesCopies', { pages: d.pages, copies: d.copies }) : ''}
        </dd>
        <dt>{t('dossier.fee')}</dt>
        <dd>{d.feeAmount ? formatVnd(d.feeAmount) : t('form.feeNone')}</dd>
        {d.logBook ? (
          <>
            <dt>{t('dossier.logBook')}</dt>
            <dd>{t('dossier.logBookEntry', { volume: d.logBook.volume, entry: d.logBook.entry })}</dd>
          </>
        ) : null}
        {d.note ? (
          <>
            <dt>{t('dossier.note')}</dt>
            <dd>{d.note}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('dossier.components')}</h2>
      <ul className="component-list">
        {d.components.map((c, i) => (
          <li key={i} className={c.received ? undefined : 'muted'}>
            {c.name} — {t(`form.kinds.${c.kind}`)} × {c.quantity}
            {c.received ? '' : ` (${t('dossier.notReceived')})`}
          </li>
        ))}
      </ul>
      <WorkflowPanel dossier={d} />
      <ScanningPanel dossier={d} openPageId={pageId} />
    </article>
  );
}

/** A form label for a field path from main (e.g. "pages", "applicant.idNumber"). */
function fieldLabel(path: string, t: (key: string) => string): string {
  const labels: Record<string, string> = {
    pages: 'form.pages',
    copies: 'form.copies',
    components: 'form.components',
    setsCount: 'form.setsCount',
    procedureCode: 'form.procedure',
    'applicant.fullName': 'form.fullName',
    'applicant.idNumber': 'form.idNumber',
    'applicant.dateOfBirth': 'form.dateOfBirth',
  };
  const key = labels[path.replace(/^draft\./, '')];
  return key ? t(key) : path;
}
