import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../src-shared/contract/config-commands.js';
import type { ReceptionPoint, Settings } from '../../src-shared/contract/schemas.js';
import { LanguageToggle } from '../components/LanguageToggle.js';
import { openDossiersStore, type DossiersStore } from '../data/dossiers-db.js';
import { HolidaysScreen } from '../features/admin/HolidaysScreen.js';
import { DiagnosticsScreen } from '../features/diagnostics/DiagnosticsScreen.js';
import { SettingsScreen } from '../features/admin/SettingsScreen.js';
import { UsersScreen } from '../features/admin/UsersScreen.js';
import { LockScreen } from '../features/auth/LockScreen.js';
import { DossierForm } from '../features/dossiers/DossierForm.js';
import { DossierList } from '../features/dossiers/DossierList.js';
import { DossierPage } from '../features/dossiers/DossierPage.js';
import { NotificationBell } from '../features/notifications/NotificationBell.js';
import { isQueueId, QueuesScreen } from '../features/queues/QueuesScreen.js';
import { queuesNavLabel } from '../features/queues/queue-texts.js';
import { ReviewScreen } from '../features/review/ReviewScreen.js';
import { SearchScreen } from '../features/search/SearchScreen.js';
import { searchNavLabel } from '../features/search/search-texts.js';
import { SyncScreen } from '../features/sync/SyncScreen.js';
import { syncNavLabel } from '../features/sync/sync-texts.js';
import { SetupWizard } from '../features/wizard/SetupWizard.js';
import type { Client } from '../ipc/client.js';
import { AppContext, type AppContextValue, type Session } from './app-context.js';
import { navigate, useHashRoute } from './hash-route.js';
import { lockedFile } from './machine-config.js';
import { takeWizardDue } from './wizard-due.js';
import { useIdleLock } from './use-idle-lock.js';

type Props = { client: Client; session: Session; receptionPoint: ReceptionPoint | null; machineConfig: ConfigView | null; onSignedOut: () => void };

/** The signed-in app: nav, routes, the replicated read model, idle lock and lock screen. */
export function SignedIn({ client, session, receptionPoint, machineConfig, onSignedOut }: Props) {
  const { t } = useTranslation();
  const route = useHashRoute();
  const [store, setStore] = useState<DossiersStore | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [locked, setLocked] = useState(false);
  const [newKey, setNewKey] = useState(0);
  const isAdmin = session.user.role === 'admin';
  const isLead = isAdmin || session.user.role === 'supervisor';

  // The read model lives as long as the sign-in.
  useEffect(() => {
    let closed = false;
    let opened: DossiersStore | null = null;
    void openDossiersStore(client).then((s) => {
      if (closed) return void s.close();
      opened = s;
      setStore(s);
    });
    return () => {
      closed = true;
      void opened?.close();
    };
  }, [client]);

  const reloadSettings = useCallback(async () => {
    const r = await client.call('settings.get', {});
    if (r.ok) setSettings(r.value);
  }, [client]);
  useEffect(() => {
    void reloadSettings();
  }, [reloadSettings]);

  useEffect(
    () =>
      client.onAuthProblem((problem) => {
        if (problem === 'SESSION_LOCKED') setLocked(true);
        else onSignedOut();
      }),
    [client, onSignedOut],
  );

  useIdleLock(settings?.idleLockMinutes ?? session.idleLockMinutes, !locked, () => setLocked(true));

  // Right after first-run setup, the admin's first sign-in opens the wizard.
  useEffect(() => {
    if (isAdmin && takeWizardDue()) navigate('/wizard');
  }, [isAdmin]);

  // Alt+N: a new dossier from anywhere; Alt+Q: the work queues.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === 'n') {
        e.preventDefault();
        setNewKey((k) => k + 1);
        navigate('/new');
      } else if (key === 'q') {
        e.preventDefault();
        navigate('/queues');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const logout = useCallback(async () => {
    await client.call('auth.logout', {});
    onSignedOut();
  }, [client, onSignedOut]);

  const value = useMemo<AppContextValue>(
    () => ({ client, session, store, settings, reloadSettings, logout, machineConfig }),
    [client, session, store, settings, reloadSettings, logout, machineConfig],
  );

  const page = renderRoute(route, isAdmin, newKey, isLead);
  const section = route.split('/')[1] ?? 'dossiers';
  const link = (path: string, label: string, current: boolean) => (
    <a href={'#' + path} aria-current={current ? 'page' : undefined} className={current ? 'active' : undefined}>
      {label}
    </a>
  );

  return (
    <AppContext.Provider value={value}>
      <div className="shell" inert={locked || undefined}>
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              TN
            </span>
            <span>
              <strong>{t('app.title')}</strong>
              <small>{settings?.receptionPoint.name ?? receptionPoint?.name ?? ''}</small>
            </span>
          </div>
          <nav aria-label={t('nav.main')} className="nav">
            {link('/dossiers', t('nav.dossiers'), section === 'dossiers')}
            {link('/new', t('nav.newDossier'), section === 'new')}
            {link('/queues', queuesNavLabel(isLead), section === 'queues' || section === 'review')}
            {link('/search', searchNavLabel(), section === 'search')}
            {isLead ? link('/sync', syncNavLabel(), section === 'sync') : null}
            {isAdmin ? link('/settings', t('nav.settings'), section === 'settings') : null}
            {isAdmin ? link('/users', t('nav.users'), section === 'users') : null}
            {isAdmin ? link('/holidays', t('nav.holidays'), section === 'holidays') : null}
            {isAdmin ? link('/diagnostics', t('nav.diagnostics'), section === 'diagnostics' || section === 'wizard') : null}
          </nav>
          <div className="who">
            <NotificationBell />
            <span className="muted small">{t('nav.signedInAs', { name: session.user.fullName, role: t(`roles.${session.user.role}`) })}</span>
            <LanguageToggle lockedBy={lockedFile(machineConfig, 'language')} />
            <button type="button" className="ghost small" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          </div>
        </header>
        <main className="content">{page}</main>
      </div>
      {locked ? (
        <LockScreen
          client={client}
          user={session.user}
          onUnlocked={() => {
            setLocked(false);
            client.settleLock(true);
            // Events were not delivered while locked: catch the list up.
            store?.resync();
          }}
          onSwitchUser={() => void logout()}
        />
      ) : null}
    </AppContext.Provider>
  );
}

function renderRoute(route: string, isAdmin: boolean, newKey: number, isLead: boolean) {
  const parts = route.split('/').filter(Boolean);
  const [head, id, action] = parts;
  if (head === 'new') return <DossierForm key={'new-' + newKey} dossierId={null} />;
  if (head === 'dossiers' && id && action === 'edit') return <DossierForm key={'edit-' + id} dossierId={id} />;
  // /dossiers/ID/pages/PAGE (a search hit on a page): the dossier with that page open.
  if (head === 'dossiers' && id) return <DossierPage key={id} dossierId={id} pageId={action === 'pages' ? parts[3] : undefined} />;
  if (head === 'search') return <SearchScreen />;
  if (head === 'queues') return <QueuesScreen queue={isQueueId(id) ? id : null} />;
  if (head === 'review' && id && isLead) return <ReviewScreen key={id} dossierId={id} />;
  if (head === 'sync' && isLead) return <SyncScreen />;
  if (head === 'settings' && isAdmin) return <SettingsScreen />;
  if (head === 'users' && isAdmin) return <UsersScreen />;
  if (head === 'holidays' && isAdmin) return <HolidaysScreen />;
  if (head === 'diagnostics' && isAdmin) return <DiagnosticsScreen />;
  if (head === 'wizard' && isAdmin) return <SetupWizard />;
  return <DossierList />;
}
