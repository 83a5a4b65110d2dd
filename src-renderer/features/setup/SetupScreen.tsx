import { useState, type FormEvent } from 'react';
import type { ConfigView } from '../../../src-shared/contract/config-commands.js';
import { configValue, lockedFile } from '../../app/machine-config.js';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { fieldText } from '../../i18n/i18n.js';
import type { Client } from '../../ipc/client.js';

const emptyPoint = { name: '', agencyCode: '', agencyName: '', address: '', phone: '', returnPlace: '' };

type PointKey = keyof typeof emptyPoint;

/** The reception point IT's config file gives (those fields are locked), the rest empty. */
function pointFromConfig(view: ConfigView | null): typeof emptyPoint {
  const p = { ...emptyPoint };
  for (const key of Object.keys(p) as PointKey[]) {
    const v = configValue(view, `receptionPoint.${key}`);
    if (typeof v === 'string') p[key] = v;
  }
  return p;
}

/** First run: the reception point and the administrator account, in one command. */
export function SetupScreen({ client, onDone, machineConfig }: { client: Client; onDone: () => void; machineConfig: ConfigView | null }) {
  const { t } = useTranslation();
  const { busy, error, fields, run, setFields } = useAction();
  const [point, setPoint] = useState(() => pointFromConfig(machineConfig));
  const locked = (key: PointKey) => {
    const file = lockedFile(machineConfig, `receptionPoint.${key}`);
    return file ? { disabled: true, hint: t('settings.lockedBy', { file }) } : {};
  };
  const [admin, setAdmin] = useState({ username: '', fullName: '', password: '', password2: '' });
  const rp = (key: PointKey) => (value: string) => setPoint((p) => ({ ...p, [key]: value }));
  const ad = (key: keyof typeof admin) => (value: string) => setAdmin((a) => ({ ...a, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (admin.password !== admin.password2) {
      setFields({ 'admin.password2': fieldText('password.mismatch') });
      return;
    }
    const done = await run(() =>
      client.call('setup.init', {
        receptionPoint: point,
        admin: { username: admin.username, fullName: admin.fullName, password: admin.password },
      }),
    );
    if (done) onDone();
  };

  return (
    <form className="card wide" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <ErrorBanner message={error} />
      <fieldset>
        <legend>{t('setup.receptionPoint')}</legend>
        <div className="grid-2">
          <TextField label={t('rp.name')} value={point.name} onChange={rp('name')} error={fields['receptionPoint.name']} required autoFocus {...locked('name')} />
          <TextField
            label={t('rp.agencyCode')}
            value={point.agencyCode}
            onChange={rp('agencyCode')}
            error={fields['receptionPoint.agencyCode']}
            hint={t('rp.agencyCodeHint')}
            required
            {...locked('agencyCode')}
          />
          <TextField label={t('rp.agencyName')} value={point.agencyName} onChange={rp('agencyName')} error={fields['receptionPoint.agencyName']} {...locked('agencyName')} />
          <TextField label={t('rp.phone')} value={point.phone} onChange={rp('phone')} error={fields['receptionPoint.phone']} {...locked('phone')} />
          <TextField label={t('rp.address')} value={point.address} onChange={rp('address')} error={fields['receptionPoint.address']} {...locked('address')} />
          <TextField label={t('rp.returnPlace')} value={point.returnPlace} onChange={rp('returnPlace')} error={fields['receptionPoint.returnPlace']} {...locked('returnPlace')} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('setup.admin')}</legend>
        <div className="grid-2">
          <TextField label={t('user.username')} value={admin.username} onChange={ad('username')} error={fields['admin.username']} autoComplete="username" required />
          <TextField label={t('user.fullName')} value={admin.fullName} onChange={ad('fullName')} error={fields['admin.fullName']} required />
          <TextField
            label={t('user.password')}
            type="password"
            value={admin.password}
            onChange={ad('password')}
            error={fields['admin.password']}
            autoComplete="new-password"
            required
          />
          <TextField
            label={t('user.passwordAgain')}
            type="password"
            value={admin.password2}
            onChange={ad('password2')}
            error={fields['admin.password2']}
            autoComplete="new-password"
            required
          />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </div>
    </form>
  );
}
