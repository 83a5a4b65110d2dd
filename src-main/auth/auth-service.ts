import { AppError } from '../../src-shared/contract/errors.js';
import type { User } from '../../src-shared/contract/schemas.js';
import type { KernelDeps } from '../kernel/deps.js';
import { dummyHash, verifyPassword } from '../users/password.js';
import { findUserById, findUserByUsername } from '../users/users-repo.js';
import type { Sessions } from './sessions.js';

export type AuthDeps = Pick<KernelDeps, 'db' | 'settings'> & { sessions: Sessions };

/** Signing in, out, and unlocking a session the idle lock closed. */
export function createAuthService({ db, settings, sessions }: AuthDeps) {
  return {
    async login(username: string, password: string): Promise<{ sessionToken: string; user: User; idleLockMinutes: number }> {
      const user = findUserByUsername(db, username);
      // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !valid || user.disabled) throw new AppError('BAD_CREDENTIALS');
      const { passwordHash: _, ...publicUser } = user;
      const sessionToken = sessions.open(publicUser);
      return { sessionToken, user: publicUser, idleLockMinutes: settings().idleLockMinutes };
    },

    logout(sessionToken: string | null): void {
      sessions.close(sessionToken);
    },

    async unlock(sessionToken: string | null, password: string): Promise<void> {
      const user = sessions.peek(sessionToken);
      if (!user || !sessionToken) throw new AppError('UNAUTHENTICATED');
      const stored = findUserById(db, user.id);
      if (!stored || stored.disabled || !(await verifyPassword(password, stored.passwordHash))) throw new AppError('BAD_CREDENTIALS');
      sessions.unlock(sessionToken);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
