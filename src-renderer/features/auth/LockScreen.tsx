import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src-shared/contract/schemas.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import type { Client } from '../../ipc/client.js';

/** Covers the app (whose state stays underneath) until the same user re-enters the password. */
export function LockScreen({ client, user, onUnlocked, onSwitchUser }: { client: Client; user: User; onUnlocked: () => void; onSwitchUser: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => client.call('auth.unlock', { password }));
    setPassword('');
    if (r) onUnlocked();
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="card narrow" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p>{t('lock.intro', { name: user.fullName })}</p>
        <ErrorBanner message={error} />
        <TextField label={t('user.password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" autoFocus />
        <div className="actions">
          <button type="button" className="ghost" onClick={onSwitchUser}>
            {t('lock.other')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('lock.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
