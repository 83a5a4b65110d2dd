import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../src-shared/contract/diagnostics-commands.js';
import { useApp } from '../../app/app-context.js';
import { configValue, hasSecret, lockedFile } from '../../app/machine-config.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { CheckList } from '../diagnostics/CheckList.js';
import { ensureDiagTexts } from '../diagnostics/diagnostics-texts.js';
import '../diagnostics/diagnostics.css';
import { runWizardTests } from './wizard-tests.js';
import { ensureWizardTexts } from './wizard-texts.js';

/**
 * The first-run wizard (after setup, or from Diagnostics): the provincial server, the enrollment
 * code and the reception point, prefilled from IT's config file; it tests the connection, the
 * scanner and the OCR, and enrolls only when none of them failed.
 */
export function SetupWizard() {
  ensureWizardTexts();
  ensureDiagTexts();
  const { t } = useTranslation('wizard');
  const { t: tUi } = useTranslation();
  const { client, settings, reloadSettings, machineConfig } = useApp();
  const { busy, error, fields, run, setError } = useAction();
  const [enrolledAt, setEnrolledAt] = useState<string | null | undefined>(undefined);
  const [serverUrl, setServerUrl] = useState(() => String(configValue(machineConfig, 'serverUrl') ?? ''));
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(() => String(configValue(machineConfig, 'deviceName') ?? ''));
  const [pointName, setPointName] = useState('');
  const [agencyCode, setAgencyCode] = useState('');
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const codeInConfig = hasSecret(machineConfig, 'enrollmentCode');

  useEffect(() => {
    void client.call('sync.status', { dossierIds: [] }).then((r) => {
      if (!r.ok) return;
      setEnrolledAt(r.value.enrolled ? r.value.serverUrl : null);
      if (r.value.serverUrl) setServerUrl((u) => u || r.value.serverUrl!);
    });
  }, [client]);
  useEffect(() => {
    if (!settings) return;
    setPointName((n) => n || settings.receptionPoint.name);
    setAgencyCode((c) => c || settings.receptionPoint.agencyCode);
    setDeviceName((d) => d || `${settings.receptionPoint.name} — máy 1`);
  }, [settings]);

  const locked = (key: string, hint?: string) => {
    const file = lockedFile(machineConfig, key);
    return file ? { disabled: true, hint: tUi('settings.lockedBy', { file }) } : hint ? { hint } : {};
  };
  const test = async () => {
    setNotice(null);
    setError(null);
    setResults(await runWizardTests(client, serverUrl.trim(), t));
  };
  const testedOk = results !== null && !results.some((r) => r.status === 'fail');

  const finish = async (e: FormEvent) => {
    e.preventDefault();
    if (!testedOk || !settings) return setError(t('finishBlocked'));
    const point = { ...settings.receptionPoint, name: pointName.trim(), agencyCode: agencyCode.trim() };
    if (point.name !== settings.receptionPoint.name || point.agencyCode !== settings.receptionPoint.agencyCode) {
      if (!(await run(() => client.call('settings.update', { receptionPoint: point })))) return;
      await reloadSettings();
    }
    if (enrolledAt) return setNotice(t('doneEnrolled'));
    const r = await run(() => client.call('sync.enroll', { serverUrl: serverUrl.trim(), ...(code.trim() ? { code: code.trim() } : {}), deviceName: deviceName.trim() }));
    if (!r) return;
    setEnrolledAt(serverUrl.trim());
    setNotice(t('done', { point: r.receptionPoint.name, code: r.receptionPoint.code, slot: r.deskSlot }));
  };

  if (enrolledAt === undefined || !settings) return <Spinner />;
  return (
    <form className="card wide" onSubmit={(e) => void finish(e)} noValidate aria-labelledby="wizard-title">
      <h1 id="wizard-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      {enrolledAt ? <p data-testid="wizard-enrolled">{t('enrolledAlready', { server: enrolledAt })}</p> : null}
      <fieldset>
        <legend>{t('server')}</legend>
        <div className="grid-2">
          <TextField label={t('serverUrl')} value={serverUrl} onChange={setServerUrl} error={fields.serverUrl} required {...locked('serverUrl', t('serverUrlHint'))} />
          {enrolledAt ? null : (
            <TextField label={t('code')} value={code} onChange={setCode} error={fields.code} required={!codeInConfig} autoComplete="off" {...(codeInConfig ? { hint: t('codeInConfig') } : {})} />
          )}
          {enrolledAt ? null : <TextField label={t('deviceName')} value={deviceName} onChange={setDeviceName} error={fields.deviceName} required />}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('point')}</legend>
        <div className="grid-2">
          <TextField label={tUi('rp.name')} value={pointName} onChange={setPointName} error={fields['receptionPoint.name']} required {...locked('receptionPoint.name')} />
          <TextField
            label={tUi('rp.agencyCode')}
            value={agencyCode}
            onChange={setAgencyCode}
            error={fields['receptionPoint.agencyCode']}
            required
            {...locked('receptionPoint.agencyCode', tUi('rp.agencyCodeHint'))}
          />
        </div>
      </fieldset>
      <div className="actions left">
        <button type="button" disabled={busy || !serverUrl.trim()} onClick={() => void run(async () => ({ ok: true as const, value: await test() }))}>
          {t('test')}
        </button>
        <button type="submit" className="primary" disabled={busy || !testedOk || notice !== null}>
          {enrolledAt ? t('finishEnrolled') : t('finish')}
        </button>
        {busy ? <Spinner label={t('testing')} /> : null}
        {/* The wizard stays in Diagnostics for later; the desk works unenrolled meanwhile. */}
        <a href="#/dossiers">{notice ? t('toDossiers') : t('later')}</a>
      </div>
      {results ? (
        <section aria-labelledby="wizard-results">
          <h2 id="wizard-results">{t('results')}</h2>
          <CheckList checks={results} />
        </section>
      ) : null}
    </form>
  );
}
