import { randomBytes } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors.js';
import type { User } from '../../src-shared/contract/schemas.js';
import type { Clock } from '../kernel/clock.js';

type Session = { user: User; lastActivity: number; locked: boolean };

export type Sessions = {
  open(user: User): string;
  close(token: string | null): void;
  /** The session's user, refreshing its activity time; throws when absent, expired or locked. */
  authorize(token: string | null): User;
  /** The user of a session even when locked (for unlock); null when there is none. */
  peek(token: string | null): User | null;
  unlock(token: string): void;
  /** Ends every session of a user (disabled account). */
  closeUser(userId: string): void;
  isActive(token: string | null): boolean;
};

/**
 * In-memory sessions: a restart signs everyone out, which is what a shared desk PC wants.
 * A session idle for longer than `idleLockMinutes()` locks and needs the password again.
 */
export function createSessions(clock: Clock, idleLockMinutes: () => number): Sessions {
  const sessions = new Map<string, Session>();
  const get = (token: string | null) => (token ? sessions.get(token) : undefined);
  const expireIfIdle = (s: Session) => {
    if (clock.monotonicMs() - s.lastActivity > idleLockMinutes() * 60_000) s.locked = true;
  };
  return {
    open(user) {
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { user, lastActivity: clock.monotonicMs(), locked: false });
      return token;
    },
    close(token) {
      if (token) sessions.delete(token);
    },
    authorize(token) {
      const s = get(token);
      if (!s) throw new AppError('UNAUTHENTICATED');
      expireIfIdle(s);
      if (s.locked) throw new AppError('SESSION_LOCKED');
      s.lastActivity = clock.monotonicMs();
      return s.user;
    },
    peek: (token) => get(token)?.user ?? null,
    unlock(token) {
      const s = get(token);
      if (!s) throw new AppError('UNAUTHENTICATED');
      s.locked = false;
      s.lastActivity = clock.monotonicMs();
    },
    closeUser(userId) {
      for (const [token, s] of sessions) if (s.user.id === userId) sessions.delete(token);
    },
    isActive(token) {
      const s = get(token);
      if (!s) return false;
      expireIfIdle(s);
      return !s.locked;
    },
  };
}
