import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../app/app-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import type { Client } from '../../ipc/client.js';

export function LoginScreen({ client, notice, onLoggedIn }: { client: Client; notice: string | null; onLoggedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const { busy, error, fields, run } = useAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => client.call('auth.login', { username, password }));
    if (r) onLoggedIn({ token: r.sessionToken, user: r.user, idleLockMinutes: r.idleLockMinutes });
    else setPassword('');
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('login.title')}</h1>
      <InfoBanner message={notice} />
      <ErrorBanner message={error} />
      <TextField label={t('user.username')} value={username} onChange={setUsername} error={fields.username} autoComplete="username" autoFocus required />
      <TextField
        label={t('user.password')}
        type="password"
        value={password}
        onChange={setPassword}
        error={fields.password}
        autoComplete="current-password"
        required
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </div>
    </form>
  );
}
