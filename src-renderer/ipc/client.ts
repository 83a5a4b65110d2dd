import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract/commands.js';
import type { Result } from '../../src-shared/contract/result.js';
import type { Connection } from './connection.js';

export type AuthProblem = 'SESSION_LOCKED' | 'UNAUTHENTICATED';

/** Typed calls over the untyped bridge, carrying this window's session token. */
export type Client = {
  connection: Connection;
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
  token(): string | null;
  setToken(token: string | null): void;
  /** Any command answering SESSION_LOCKED or UNAUTHENTICATED (the lock screen / login react). */
  onAuthProblem(listener: (problem: AuthProblem) => void): () => void;
  /**
   * The lock screen's outcome: commands that met SESSION_LOCKED wait for it, then run again
   * once unlocked (a save made just as the session locked is not lost) or fail if not.
   */
  settleLock(unlocked: boolean): void;
};

// Per tab: a reload keeps the session, a new window signs in on its own.
const storageKey = 'tiepnhan.session';

export function createClient(connection: Connection): Client {
  let token: string | null = sessionStorage.getItem(storageKey);
  const listeners = new Set<(problem: AuthProblem) => void>();
  let lockWaiters: ((unlocked: boolean) => void)[] = [];
  const settleLock = (unlocked: boolean) => {
    const waiters = lockWaiters;
    lockWaiters = [];
    for (const w of waiters) w(unlocked);
  };
  const call = async (name: CommandName, input: unknown): Promise<Result<unknown>> => {
    const result = await connection.bridge.invoke(name, input, token);
    // Login, unlock and logout report their own failures on their own screens.
    if (result.ok || !token || name === 'auth.login' || name === 'auth.unlock' || name === 'auth.logout') return result;
    if (result.error.code === 'UNAUTHENTICATED') {
      for (const l of listeners) l('UNAUTHENTICATED');
    } else if (result.error.code === 'SESSION_LOCKED') {
      const unlocked = new Promise<boolean>((resolve) => lockWaiters.push(resolve));
      for (const l of listeners) l('SESSION_LOCKED');
      if (await unlocked) return call(name, input);
    }
    return result;
  };
  return {
    connection,
    // Main validated the output against the contract's zod schema before sending it.
    call: call as Client['call'],
    settleLock,
    token: () => token,
    setToken(next) {
      token = next;
      // Signing out or in ends any wait on the lock screen.
      settleLock(false);
      if (next) sessionStorage.setItem(storageKey, next);
      else sessionStorage.removeItem(storageKey);
      connection.bridge.subscribe(next);
    },
    onAuthProblem(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
