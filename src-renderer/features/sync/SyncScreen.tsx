import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandError } from '../../../src-shared/contract/result.js';
import type { SyncOptions } from '../../../src-shared/contract/sync-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { configValue, hasSecret, lockedFile } from '../../app/machine-config.js';
import { errorText, problemText } from '../../i18n/i18n.js';
import { ensureSyncTexts } from './sync-texts.js';
import type { SyncStatusView } from './use-sync-status.js';
import './sync.css';

/**
 * The desk's sync screen (supervisors and admins): enrollment with the provincial server
 * (admin), the live status (state, queue, oldest waiting dossier, last success, last error),
 * Sync now / Pause / Resume, and the sync window, bandwidth cap and retention settings.
 */
export function SyncScreen() {
  ensureSyncTexts();
  const { t } = useTranslation('sync');
  const { client, session, settings } = useApp();
  const isAdmin = session.user.role === 'admin';
  const [full, setFull] = useState<SyncStatusView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tz = settings?.timeZone;

  // The status without per-dossier rows (an empty id list) is all this screen needs.
  useEffect(() => {
    let stop = false;
    const load = async () => {
      const r = await client.call('sync.status', { dossierIds: [] });
      if (!stop && r.ok) setFull(r.value);
    };
    void load();
    // An upload emits an event per chunk: reload at most every 300 ms.
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = client.connection.bridge.onEvent((event) => {
      if (event !== 'sync.progress' || pending !== null) return;
      pending = setTimeout(() => {
        pending = null;
        void load();
      }, 300);
    });
    // Ages ("3 h ago") move on with the clock.
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      stop = true;
      off();
      clearInterval(timer);
      if (pending !== null) clearTimeout(pending);
    };
  }, [client]);

  const act = async (name: 'sync.now' | 'sync.pause' | 'sync.resume') => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await client.call(name, {});
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    if (name === 'sync.now') setNotice(t('started'));
    const s = await client.call('sync.status', { dossierIds: [] });
    if (s.ok) setFull(s.value);
  };

  if (!full) return <Spinner />;
  const paused = full.state === 'paused';
  return (
    <section className="card wide" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('title')}</h1>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      <h2>{t('statusTitle')}</h2>
      {!full.enrolled ? <p data-testid="sync-not-enrolled">{t('notEnrolledYet')}</p> : null}
      <dl className="sync-status-grid" data-testid="sync-status">
        <dt>{t('server')}</dt>
        <dd className="mono">{full.serverUrl ?? '—'}</dd>
        <dt>{t('stateLabel')}</dt>
        <dd data-testid="sync-state" data-state={full.state}>
          {t(`state.${full.state}`)}
        </dd>
        <dt>{t('queue')}</dt>
        <dd data-testid="sync-queue">{full.queueLength}</dd>
        <dt>{t('oldest')}</dt>
        <dd data-testid="sync-oldest">{full.oldestUnsyncedAt ? <Ago iso={full.oldestUnsyncedAt} /> : t('none')}</dd>
        <dt>{t('lastSuccess')}</dt>
        <dd data-testid="sync-last-success">{full.lastSuccessAt ? formatDateTime(full.lastSuccessAt, tz) : t('never')}</dd>
        <dt>{t('lastError')}</dt>
        <dd data-testid="sync-last-error" className={full.lastError ? 'field-error' : undefined}>
          {problemText(full.lastProblem ?? undefined) ?? full.lastError ?? t('none')}
        </dd>
        {full.nextAttemptAt ? (
          <>
            <dt>{t('nextAttempt')}</dt>
            <dd>{formatDateTime(full.nextAttemptAt, tz)}</dd>
          </>
        ) : null}
      </dl>
      {full.enrolled ? (
        <div className="actions left">
          <button type="button" className="primary" disabled={busy || paused} onClick={() => void act('sync.now')}>
            {t('now')}
          </button>
          {paused ? (
            <button type="button" disabled={busy} onClick={() => void act('sync.resume')}>
              {t('resume')}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => void act('sync.pause')}>
              {t('pause')}
            </button>
          )}
        </div>
      ) : null}
      {isAdmin ? <EnrollForm reenroll={full.enrolled} onEnrolled={(s) => setNotice(s)} /> : null}
      <OptionsForm isAdmin={isAdmin} />
    </section>
  );
}

function Ago({ iso }: { iso: string }) {
  const { t } = useTranslation('sync');
  const minutes = Math.floor((Date.now() - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return <>{t('ago.now')}</>;
  if (minutes < 60) return <>{t('ago.minutes', { count: minutes })}</>;
  if (minutes < 48 * 60) return <>{t('ago.hours', { count: Math.floor(minutes / 60) })}</>;
  return <>{t('ago.days', { count: Math.floor(minutes / 1440) })}</>;
}

/** Our own keys for main's field keys (so the English screen is English too); main's Vietnamese otherwise. */
function enrollErrorText(error: CommandError, t: (k: string) => string): string {
  const key = error.fields?.serverUrl ?? error.fields?.code;
  const own: Record<string, string> = {
    'url.format': 'errors.url_format',
    'url.protocol': 'errors.url_protocol',
    'url.insecure': 'errors.url_insecure',
    'enroll.unreachable': 'errors.enroll_unreachable',
    'enroll.otherPoint': 'errors.enroll_otherPoint',
  };
  if (key && own[key]) return t(own[key]);
  if (error.code === 'BAD_CREDENTIALS') return t('errors.bad_code');
  return errorText(error);
}

function EnrollForm({ reenroll, onEnrolled }: { reenroll: boolean; onEnrolled: (notice: string) => void }) {
  const { t } = useTranslation('sync');
  const { t: tUi } = useTranslation();
  const { client, settings, machineConfig } = useApp();
  const urlLockedBy = lockedFile(machineConfig, 'serverUrl');
  const codeInConfig = hasSecret(machineConfig, 'enrollmentCode');
  const [serverUrl, setServerUrl] = useState(() => String(configValue(machineConfig, 'serverUrl') ?? ''));
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings && !deviceName) setDeviceName(`${settings.receptionPoint.name} — máy 1`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    // An empty code with one in IT's config file: main uses that one (it never reaches this screen).
    const r = await client.call('sync.enroll', { serverUrl: serverUrl.trim(), ...(code.trim() ? { code: code.trim() } : {}), deviceName: deviceName.trim() });
    setBusy(false);
    if (!r.ok) return setError(enrollErrorText(r.error, t));
    setCode('');
    let notice = t('enrolled', { name: r.value.receptionPoint.name, code: r.value.receptionPoint.code, slot: r.value.deskSlot });
    if (!r.value.credentialEncrypted) notice += ' ' + t('notEncrypted');
    onEnrolled(notice);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="enroll-title">
      <h2 id="enroll-title">{reenroll ? t('reenrollTitle') : t('enrollTitle')}</h2>
      <p className="muted small">{t('enrollHint')}</p>
      <ErrorBanner message={error} />
      <div className="grid-2">
        <TextField
          label={t('serverUrl')}
          value={serverUrl}
          onChange={setServerUrl}
          hint={urlLockedBy ? tUi('settings.lockedBy', { file: urlLockedBy }) : t('serverUrlHint')}
          disabled={urlLockedBy !== null}
          required
        />
        <TextField label={t('code')} value={code} onChange={setCode} required={!codeInConfig} autoComplete="off" {...(codeInConfig ? { hint: t('codeInConfig') } : {})} />
        <TextField label={t('deviceName')} value={deviceName} onChange={setDeviceName} required />
      </div>
      <div className="actions left">
        <button type="submit" className="primary" disabled={busy || !serverUrl.trim() || (!code.trim() && !codeInConfig) || !deviceName.trim()}>
          {t('enroll')}
        </button>
        {busy ? <Spinner /> : null}
      </div>
    </form>
  );
}

function OptionsForm({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation('sync');
  const { t: tUi } = useTranslation();
  const { client, machineConfig } = useApp();
  const locked = (key: string, hint: string) => {
    const file = lockedFile(machineConfig, key);
    return file ? { disabled: true, hint: tUi('settings.lockedBy', { file }) } : { hint };
  };
  const [options, setOptions] = useState<SyncOptions | null>(null);
  const [kbps, setKbps] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [days, setDays] = useState('');
  const [allowHttp, setAllowHttp] = useState(false);
  const [proxy, setProxy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const show = (o: SyncOptions) => {
    setOptions(o);
    setKbps(o.bandwidthBytesPerSecond === null ? '' : String(Math.round(o.bandwidthBytesPerSecond / 1024)));
    setFrom(o.window?.from ?? '');
    setTo(o.window?.to ?? '');
    setDays(o.retentionDays === null ? '' : String(o.retentionDays));
    setAllowHttp(o.allowInsecureHttp);
    setProxy(o.proxyUrl ?? '');
  };
  useEffect(() => {
    void client.call('sync.options', {}).then((r) => r.ok && show(r.value));
  }, [client]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const cap = kbps.trim() === '' ? null : Number(kbps);
    if (cap !== null && (!Number.isInteger(cap) || cap < 1)) return setError(t('bandwidthInvalid'));
    if ((from === '') !== (to === '')) return setError(t('windowBoth'));
    const keep = days.trim() === '' ? null : Number(days);
    if (keep !== null && (!Number.isInteger(keep) || keep < 0 || keep > 3650)) return setError(t('retentionInvalid'));
    const change: Partial<SyncOptions> = {
      bandwidthBytesPerSecond: cap === null ? null : cap * 1024,
      window: from ? { from, to } : null,
      ...(lockedFile(machineConfig, 'retentionDays') ? {} : { retentionDays: keep }),
      ...(isAdmin && options && allowHttp !== options.allowInsecureHttp ? { allowInsecureHttp: allowHttp } : {}),
      ...(isAdmin && options && !lockedFile(machineConfig, 'proxyUrl') && (proxy.trim() || null) !== options.proxyUrl ? { proxyUrl: proxy.trim() || null } : {}),
    };
    const r = await client.call('sync.setOptions', change);
    if (!r.ok) return setError(errorText(r.error));
    show(r.value);
    setNotice(t('optionsSaved'));
  };

  if (!options) return null;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="sync-options-title">
      <h2 id="sync-options-title">{t('optionsTitle')}</h2>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      <div className="grid-2">
        <TextField label={t('bandwidth')} type="number" min={1} value={kbps} onChange={setKbps} hint={t('bandwidthHint')} />
        <TextField label={t('retention')} type="number" min={0} max={3650} value={days} onChange={setDays} {...locked('retentionDays', t('retentionHint'))} />
        <TextField label={t('windowFrom')} type="time" value={from} onChange={setFrom} hint={t('windowHint')} />
        <TextField label={t('windowTo')} type="time" value={to} onChange={setTo} />
      </div>
      {isAdmin ? <TextField label={t('proxy')} value={proxy} onChange={setProxy} {...locked('proxyUrl', t('proxyHint'))} /> : null}
      {isAdmin ? (
        <label className="check">
          <input type="checkbox" checked={allowHttp} onChange={(e) => setAllowHttp(e.target.checked)} /> {t('allowHttp')}
        </label>
      ) : null}
      <div className="actions left">
        <button type="submit">{t('saveOptions')}</button>
      </div>
    </form>
  );
}
