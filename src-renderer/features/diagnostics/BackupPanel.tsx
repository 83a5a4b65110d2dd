import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus, BackupSummary } from '../../../src-shared/contract/backup-commands.js';
import type { Result } from '../../../src-shared/contract/result.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { lockedFile } from '../../app/machine-config.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { currentLocale } from '../../i18n/i18n.js';
import { formatBytes } from '../sync/sync-texts.js';

/** The daily backup's folder and count, a backup now, the backups there, and staging a restore. */
export function BackupPanel() {
  const { t } = useTranslation('diag');
  const { t: tUi } = useTranslation();
  const { client, settings, machineConfig } = useApp();
  const { busy, error, fields, run } = useAction();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [keep, setKeep] = useState('7');
  const [restoreDir, setRestoreDir] = useState('');
  const [verified, setVerified] = useState<BackupSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tz = settings?.timeZone;

  const reload = useCallback(async () => {
    const r = await client.call('backup.status', {});
    if (!r.ok) return;
    setStatus(r.value);
    setFolder(r.value.schedule.folder ?? '');
    setKeep(String(r.value.schedule.keep));
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const locked = (key: string, hint?: string) => {
    const file = lockedFile(machineConfig, key);
    return file ? { disabled: true, hint: tUi('settings.lockedBy', { file }) } : hint ? { hint } : {};
  };
  const act = async <T,>(call: () => Promise<Result<T>>, done: (v: T) => string | null) => {
    setNotice(null);
    const v = await run(call);
    if (v === null) return;
    setNotice(done(v));
    await reload();
  };
  const saveSchedule = (e: FormEvent) => {
    e.preventDefault();
    void act(() => client.call('backup.setSchedule', { folder: folder.trim() || null, keep: Math.trunc(Number(keep)) || 0 }), () => t('backup.saved'));
  };
  const backupNow = () => void act(() => client.call('backup.run', {}), (s) => t('backup.done', { dir: s.dir }));
  const verify = async () => {
    setNotice(null);
    setVerified(null);
    const r = await run(() => client.call('backup.verify', { dir: restoreDir.trim() }));
    if (!r) return;
    if (r.ok && r.summary) {
      setVerified(r.summary);
      setNotice(t('backup.verified', { dossiers: r.summary.dossiers, pages: r.summary.pages, at: formatDateTime(r.summary.createdAt, tz) }));
    } else setNotice(r.problems.join(' '));
  };
  const restore = () => void act(() => client.call('backup.prepareRestore', { dir: restoreDir.trim() }), () => null).then(() => setVerified(null));
  const cancel = () => void act(() => client.call('backup.cancelRestore', {}), () => t('backup.cancelled'));

  if (!status) return <Spinner />;
  const s = status.schedule;
  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      {status.pendingRestore ? (
        <div className="banner banner-info" role="status" data-testid="restore-pending">
          {t('backup.pending', { backup: status.pendingRestore.backup })}{' '}
          <button type="button" className="small" disabled={busy} onClick={cancel}>
            {t('backup.cancel')}
          </button>
        </div>
      ) : null}
      <form className="grid-2" onSubmit={saveSchedule} noValidate>
        <TextField label={t('backup.folder')} value={folder} onChange={setFolder} error={fields.folder} {...locked('backupFolder', t('backup.folderHint'))} />
        <TextField label={t('backup.keep')} type="number" min={1} max={365} value={keep} onChange={setKeep} error={fields.keep} {...locked('backupKeep')} />
        <div className="actions left">
          <button type="submit" disabled={busy}>
            {t('backup.save')}
          </button>
          <button type="button" className="primary" disabled={busy || !s.folder || status.running} onClick={backupNow}>
            {t('backup.now')}
          </button>
          {busy || status.running ? <Spinner label={t('backup.running')} /> : null}
        </div>
      </form>
      <p className="small">
        {t('backup.last')}: {s.lastOkAt ? formatDateTime(s.lastOkAt, tz) : t('backup.never')}
        {s.lastError ? (
          <span className="field-error">
            {' '}
            — {t('backup.lastError')}: {s.lastError}
          </span>
        ) : null}
      </p>
      <h3>{t('backup.list')}</h3>
      {status.backups.length === 0 ? (
        <p className="muted">{t('backup.none')}</p>
      ) : (
        <table className="diag-backups" data-testid="backup-list">
          <thead>
            <tr>
              {(['at', 'version', 'dossiers', 'pages', 'size', 'folder'] as const).map((c) => (
                <th key={c}>{t(`backup.columns.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {status.backups.map((b) => (
              <tr key={b.dir}>
                <td className="nowrap">{formatDateTime(b.createdAt, tz)}</td>
                <td>{b.appVersion}</td>
                <td>{b.dossiers}</td>
                <td>{b.pages}</td>
                <td>{formatBytes(b.bytes, currentLocale())}</td>
                <td className="mono small">
                  <button type="button" className="link" onClick={() => setRestoreDir(b.dir)}>
                    {b.dir}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('backup.restoreTitle')}</h3>
      <p className="muted small">{t('backup.restoreHint')}</p>
      <div className="diag-filters">
        <TextField label={t('backup.restoreDir')} value={restoreDir} onChange={(v) => {
            setRestoreDir(v);
            setVerified(null);
          }} error={fields.dir} className="grow" />
        <button type="button" disabled={busy || !restoreDir.trim()} onClick={() => void verify()}>
          {t('backup.verify')}
        </button>
        <button type="button" className="danger" disabled={busy || !verified || status.pendingRestore !== null} onClick={restore}>
          {t('backup.restore')}
        </button>
      </div>
    </section>
  );
}
