import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorReport } from '../../../src-shared/contract/diagnostics-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { downloadBlob } from '../dossiers/receipt-file.js';
import { formatBytes } from '../sync/sync-texts.js';
import { currentLocale } from '../../i18n/i18n.js';
import { CheckList } from './CheckList.js';

function zipBlob(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/zip' });
}

/** Runs the doctor (the same checks as `tiepnhan doctor`) and makes the support bundle. */
export function DoctorPanel() {
  const { t } = useTranslation('diag');
  const { client, settings } = useApp();
  const { busy, error, run } = useAction();
  const [quick, setQuick] = useState(false);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const check = async () => {
    setNotice(null);
    const r = await run(() => client.call('diagnostics.run', { quick }));
    if (r) setReport(r);
  };
  const bundle = async () => {
    setNotice(null);
    const r = await run(() => client.call('diagnostics.supportBundle', {}));
    if (!r) return;
    downloadBlob(zipBlob(r.zipBase64), r.fileName);
    setNotice(t('doctor.bundleDone', { name: r.fileName, size: formatBytes(r.bytes, currentLocale()) }));
  };

  return (
    <section aria-labelledby="doctor-title">
      <h2 id="doctor-title">{t('doctor.title')}</h2>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      <div className="actions left">
        <button type="button" className="primary" disabled={busy} onClick={() => void check()}>
          {t('doctor.run')}
        </button>
        <label className="check">
          <input type="checkbox" checked={quick} onChange={(e) => setQuick(e.target.checked)} /> {t('doctor.quick')}
        </label>
        <button type="button" disabled={busy} onClick={() => void bundle()} title={t('doctor.bundleHint')}>
          {t('doctor.bundle')}
        </button>
        {busy ? <Spinner label={t('doctor.running')} /> : null}
      </div>
      {report ? (
        <>
          <p role="status" data-testid="doctor-summary" className={report.ok ? 'diag-ok' : 'diag-bad'}>
            {report.ok ? t('doctor.allGood') : t('doctor.problems', { count: report.problems })} <span className="muted small">{t('doctor.at', { at: formatDateTime(report.at, settings?.timeZone) })}</span>
          </p>
          <CheckList checks={report.checks} />
        </>
      ) : null}
    </section>
  );
}
