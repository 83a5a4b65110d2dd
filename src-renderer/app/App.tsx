import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../src-shared/contract/commands.js';
import type { ConfigView } from '../../src-shared/contract/config-commands.js';
import { ErrorBanner, Spinner } from '../components/Feedback.js';
import { LanguageToggle } from '../components/LanguageToggle.js';
import { LoginScreen } from '../features/auth/LoginScreen.js';
import { SetupScreen } from '../features/setup/SetupScreen.js';
import { currentLocale, errorText, setLocale } from '../i18n/i18n.js';
import type { Client } from '../ipc/client.js';
import type { Session } from './app-context.js';
import { lockedFile } from './machine-config.js';
import { markWizardDue } from './wizard-due.js';
import { SignedIn } from './SignedIn.js';
import { useConnectionState } from './use-connection-state.js';

type Phase = 'loading' | 'failed' | 'setup' | 'login' | 'main';

/** Decides between first-run setup, sign-in and the signed-in app. */
export function App({ client }: { client: Client }) {
  const { t } = useTranslation();
  const connection = useConnectionState(client.connection);
  const [phase, setPhase] = useState<Phase>('loading');
  const [info, setInfo] = useState<CommandOutput<'setup.status'> | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [machineConfig, setMachineConfig] = useState<ConfigView | null>(null);

  const start = useCallback(async () => {
    setPhase('loading');
    setError(null);
    const config = await client.call('config.get', {});
    if (config.ok) {
      setMachineConfig(config.value);
      // IT's config sets the language for everyone on this PC.
      if (config.value.language && config.value.language !== currentLocale()) setLocale(config.value.language);
    }
    const r = await client.call('setup.status', {});
    if (!r.ok) {
      setError(errorText(r.error));
      setPhase('failed');
      return;
    }
    setInfo(r.value);
    if (r.value.needsSetup) return setPhase('setup');
    // A reload keeps the tab's session if main still knows it.
    if (client.token()) {
      const me = await client.call('auth.me', {});
      const settings = me.ok ? await client.call('settings.get', {}) : null;
      if (me.ok && settings?.ok) {
        client.setToken(client.token());
        setSession({ token: client.token() ?? '', user: me.value, idleLockMinutes: settings.value.idleLockMinutes });
        return setPhase('main');
      }
      client.setToken(null);
    }
    setPhase('login');
  }, [client]);

  useEffect(() => {
    void start();
  }, [start]);

  const onLoggedIn = (s: Session) => {
    client.setToken(s.token);
    setSession(s);
    setNotice(null);
    setPhase('main');
  };

  const onSignedOut = useCallback(() => {
    client.setToken(null);
    setSession(null);
    setPhase('login');
  }, [client]);

  return (
    <>
      {connection === 'offline' ? (
        <div className="offline-banner" role="alert">
          {t('app.offline')}
        </div>
      ) : null}
      {phase === 'loading' ? (
        <div className="center-screen">
          <Spinner />
        </div>
      ) : null}
      {phase === 'failed' ? (
        <div className="center-screen">
          <div className="card narrow">
            <ErrorBanner message={error} />
            <button type="button" onClick={() => void start()}>
              {t('app.loading')}
            </button>
          </div>
        </div>
      ) : null}
      {phase === 'setup' ? (
        <Shell title={t('setup.title')} machineConfig={machineConfig}>
          <SetupScreen
            client={client}
            machineConfig={machineConfig}
            onDone={() => {
              setNotice(t('setup.done'));
              // The admin's first sign-in opens the first-run wizard (server, scanner, OCR).
              markWizardDue();
              void start();
            }}
          />
        </Shell>
      ) : null}
      {phase === 'login' ? (
        <Shell title={info?.receptionPoint?.name ?? t('app.title')} machineConfig={machineConfig}>
          <LoginScreen client={client} notice={notice} onLoggedIn={onLoggedIn} />
        </Shell>
      ) : null}
      {phase === 'main' && session ? (
        <SignedIn client={client} session={session} onSignedOut={onSignedOut} receptionPoint={info?.receptionPoint ?? null} machineConfig={machineConfig} />
      ) : null}
    </>
  );
}

function Shell({ title, children, machineConfig }: { title: string; children: ReactNode; machineConfig: ConfigView | null }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            TN
          </span>
          <span>
            <strong>{t('app.title')}</strong>
            <small>{title}</small>
          </span>
        </div>
        <LanguageToggle lockedBy={lockedFile(machineConfig, 'language')} />
      </header>
      <main className="center-main">{children}</main>
    </div>
  );
}
