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
};

// Per tab: a reload keeps the session, a new window signs in on its own.
const storageKey = 'tiepnhan.session';

export function createClient(connection: Connection): Client {
  let token: string | null = sessionStorage.getItem(storageKey);
  const listeners = new Set<(problem: AuthProblem) => void>();
  return {
    connection,
    async call(name, input) {
      const result = await connection.bridge.invoke(name, input, token);
      if (!result.ok && (result.error.code === 'SESSION_LOCKED' || result.error.code === 'UNAUTHENTICATED')) {
        // Login and unlock report their own failures on their own screens.
        if (name !== 'auth.login' && name !== 'auth.unlock' && token) {
          for (const l of listeners) l(result.error.code);
        }
      }
      // Main validated the output against the contract's zod schema before sending it.
      return result as Result<CommandOutput<typeof name>>;
    },
    token: () => token,
    setToken(next) {
      token = next;
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
