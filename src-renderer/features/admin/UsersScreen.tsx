import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../src-shared/contract/schemas.js';
import { useApp } from '../../app/app-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { SelectField, TextField } from '../../components/Field.js';
import { fieldText } from '../../i18n/i18n.js';

const roles: Role[] = ['clerk', 'supervisor', 'admin'];
const blank = { username: '', fullName: '', role: 'clerk' as Role, password: '', password2: '' };

/** Admin: accounts with their roles; create and disable. */
export function UsersScreen() {
  const { t } = useTranslation();
  const { client, session } = useApp();
  const [users, setUsers] = useState<User[] | null>(null);
  const [form, setForm] = useState(blank);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useAction();
  const toggle = useAction();
  const setToggleError = toggle.setError;

  const load = useCallback(async () => {
    const r = await client.call('users.list', {});
    if (r.ok) setUsers(r.value);
    else setToggleError(r.error.message);
  }, [client, setToggleError]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (form.password !== form.password2) return create.setFields({ password2: fieldText('password.mismatch') });
    const user = await create.run(() =>
      client.call('users.create', { username: form.username, fullName: form.fullName, role: form.role, password: form.password }),
    );
    if (user) {
      setForm(blank);
      setNotice(t('users.created', { username: user.username }));
      await load();
    }
  };

  const setDisabled = async (u: User, disabled: boolean) => {
    if (await toggle.run(() => client.call('users.setDisabled', { id: u.id, disabled }))) await load();
  };

  const f = (key: keyof typeof blank) => (value: string) => setForm((s) => ({ ...s, [key]: value }));
  return (
    <div className="stack">
      <section aria-labelledby="users-title">
        <h1 id="users-title">{t('users.title')}</h1>
        <ErrorBanner message={toggle.error} />
        {users === null ? (
          <Spinner />
        ) : (
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('user.username')}</th>
                <th scope="col">{t('user.fullName')}</th>
                <th scope="col">{t('user.role')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="mono">{u.username}</td>
                  <td>{u.fullName}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
                  <td>
                    {u.id === session.user.id ? null : (
                      <button
                        type="button"
                        className="small"
                        disabled={toggle.busy}
                        aria-label={u.disabled ? t('users.enable', { username: u.username }) : t('users.disable', { username: u.username })}
                        onClick={() => void setDisabled(u, !u.disabled)}
                      >
                        {u.disabled ? t('users.enableShort') : t('users.disableShort')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <form className="card wide" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-user-title">
        <h2 id="create-user-title">{t('users.create')}</h2>
        <ErrorBanner message={create.error} />
        <InfoBanner message={notice} />
        <div className="grid-2">
          <TextField label={t('user.username')} value={form.username} onChange={f('username')} error={create.fields.username} autoComplete="off" required />
          <TextField label={t('user.fullName')} value={form.fullName} onChange={f('fullName')} error={create.fields.fullName} required />
          <SelectField label={t('user.role')} value={form.role} onChange={f('role')} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          <span />
          <TextField label={t('user.password')} type="password" value={form.password} onChange={f('password')} error={create.fields.password} autoComplete="new-password" required />
          <TextField label={t('user.passwordAgain')} type="password" value={form.password2} onChange={f('password2')} error={create.fields.password2} autoComplete="new-password" required />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={create.busy}>
            {t('users.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
