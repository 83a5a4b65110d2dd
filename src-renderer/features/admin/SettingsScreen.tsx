import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src-shared/contract/schemas.js';
import { useApp } from '../../app/app-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { lockedFile } from '../../app/machine-config.js';

type RpKey = keyof Settings['receptionPoint'];

/** Admin: the reception point printed on receipts, the idle lock and the desk's times. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const { client, settings, reloadSettings, machineConfig } = useApp();
  const { busy, error, fields, run } = useAction();
  const [form, setForm] = useState<Settings | null>(settings);
  const [lockMinutes, setLockMinutes] = useState('');
  const [perFile, setPerFile] = useState('');
  const [perDossier, setPerDossier] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (settings && !form) {
      setForm(settings);
    }
    if (settings) {
      setLockMinutes(String(settings.idleLockMinutes));
      setPerFile(String(settings.importMaxPagesPerFile));
      setPerDossier(String(settings.importMaxPagesPerDossier));
    }
  }, [settings, form]);

  if (!form) return <Spinner />;
  // A value IT's config file sets is shown, not editable, with the file that set it.
  const locked = (key: string, hint?: string) => {
    const file = lockedFile(machineConfig, key);
    return file ? { disabled: true, hint: t('settings.lockedBy', { file }) } : hint ? { hint } : {};
  };
  const rp = (key: RpKey) => (value: string) => setForm({ ...form, receptionPoint: { ...form.receptionPoint, [key]: value } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const saved = await run(() =>
      client.call('settings.update', {
        receptionPoint: form.receptionPoint,
        idleLockMinutes: Math.trunc(Number(lockMinutes)) || 0,
        importMaxPagesPerFile: Math.trunc(Number(perFile)) || 0,
        importMaxPagesPerDossier: Math.trunc(Number(perDossier)) || 0,
        cutoffTime: form.cutoffTime,
        returnTime: form.returnTime,
        trackingUrlTemplate: form.trackingUrlTemplate?.trim() ? form.trackingUrlTemplate.trim() : null,
        reviewBeforeSync: form.reviewBeforeSync,
      }),
    );
    if (saved) {
      setForm(saved);
      setNotice(t('settings.saved'));
      await reloadSettings();
    }
  };

  return (
    <form className="card wide" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('settings.title')}</h1>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      <div className="grid-2">
        <TextField label={t('rp.name')} value={form.receptionPoint.name} onChange={rp('name')} error={fields['receptionPoint.name']} required {...locked('receptionPoint.name')} />
        <TextField
          label={t('rp.agencyCode')}
          value={form.receptionPoint.agencyCode}
          onChange={rp('agencyCode')}
          error={fields['receptionPoint.agencyCode']}
          required
          {...locked('receptionPoint.agencyCode', t('rp.agencyCodeHint'))}
        />
        <TextField label={t('rp.agencyName')} value={form.receptionPoint.agencyName} onChange={rp('agencyName')} error={fields['receptionPoint.agencyName']} {...locked('receptionPoint.agencyName')} />
        <TextField label={t('rp.phone')} value={form.receptionPoint.phone} onChange={rp('phone')} error={fields['receptionPoint.phone']} {...locked('receptionPoint.phone')} />
        <TextField label={t('rp.address')} value={form.receptionPoint.address} onChange={rp('address')} error={fields['receptionPoint.address']} {...locked('receptionPoint.address')} />
        <TextField label={t('rp.returnPlace')} value={form.receptionPoint.returnPlace} onChange={rp('returnPlace')} error={fields['receptionPoint.returnPlace']} {...locked('receptionPoint.returnPlace')} />
        <TextField label={t('settings.idleLock')} type="number" min={1} max={240} value={lockMinutes} onChange={setLockMinutes} error={fields.idleLockMinutes} {...locked('idleLockMinutes')} />
        <TextField label={t('settings.cutoffTime')} type="time" value={form.cutoffTime} onChange={(cutoffTime) => setForm({ ...form, cutoffTime })} error={fields.cutoffTime} />
        <TextField label={t('settings.returnTime')} type="time" value={form.returnTime} onChange={(returnTime) => setForm({ ...form, returnTime })} error={fields.returnTime} />
        <TextField
          label={t('settings.importMaxPagesPerFile')}
          type="number"
          min={1}
          max={100000}
          value={perFile}
          onChange={setPerFile}
          error={fields.importMaxPagesPerFile}
          hint={t('settings.importLimitsHint')}
        />
        <TextField label={t('settings.importMaxPagesPerDossier')} type="number" min={1} max={100000} value={perDossier} onChange={setPerDossier} error={fields.importMaxPagesPerDossier} />
        <TextField
          label={t('settings.trackingUrl')}
          value={form.trackingUrlTemplate ?? ''}
          onChange={(v) => setForm({ ...form, trackingUrlTemplate: v })}
          error={fields.trackingUrlTemplate}
          hint={t('settings.trackingUrlHint')}
        />
      </div>
      <label className="checkbox-row">
        <input type="checkbox" checked={form.reviewBeforeSync} onChange={(e) => setForm({ ...form, reviewBeforeSync: e.target.checked })} />{' '}
        {t('settings.reviewBeforeSync')}
      </label>
      <p className="hint">{t('settings.reviewBeforeSyncHint')}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}
