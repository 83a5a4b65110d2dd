import { createContext, useContext } from 'react';
import type { ConfigView } from '../../src-shared/contract/config-commands.js';
import type { Settings, User } from '../../src-shared/contract/schemas.js';
import type { DossiersStore } from '../data/dossiers-db.js';
import type { Client } from '../ipc/client.js';

export type Session = { token: string; user: User; idleLockMinutes: number };

export type AppContextValue = {
  client: Client;
  session: Session;
  /** Null until the replicated read model is open. */
  store: DossiersStore | null;
  settings: Settings | null;
  reloadSettings(): Promise<void>;
  /** IT's config files as far as the screens need them (locked values); null until loaded or if unreadable. */
  machineConfig: ConfigView | null;
  logout(): Promise<void>;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}
