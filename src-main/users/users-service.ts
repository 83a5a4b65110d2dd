import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Role, User } from '../../src-shared/contract/schemas.js';
import { auditedChange } from '../audit/audited-change.js';
import type { KernelDeps } from '../kernel/deps.js';
import { hashPassword } from './password.js';
import { findUserByUsername, insertUser, listUsers, setUserDisabled } from './users-repo.js';

/** `closeUser` ends the sessions of an account as it is disabled (auth's sessions, given by the root). */
export type UsersDeps = Pick<KernelDeps, 'db' | 'clock'> & { sessions: { closeUser(userId: string): void } };

export type NewUser = { username: string; fullName: string; role: Role; password: string };

/** The desk's accounts, kept by an admin; every change is audited. */
export function createUsersService({ db, clock, sessions }: UsersDeps) {
  return {
    list: () => listUsers(db),

    async create(input: NewUser, actorId: string | null): Promise<User> {
      const passwordHash = await hashPassword(input.password);
      const id = randomUUID();
      auditedChange(db, clock, { userId: actorId, action: 'users.create' }, ({ at }) => {
        if (findUserByUsername(db, input.username)) throw new AppError('CONFLICT', undefined, { username: 'username.taken' });
        insertUser(db, { id, username: input.username, fullName: input.fullName, role: input.role, passwordHash, createdAt: at });
        return { audit: { dossierId: null, details: { id, username: input.username, role: input.role } } };
      });
      return { id, username: input.username, fullName: input.fullName, role: input.role, disabled: false };
    },

    setDisabled(id: string, disabled: boolean, actorId: string | null): void {
      if (id === actorId) throw new AppError('FORBIDDEN', 'users.cannotDisableSelf');
      auditedChange(db, clock, { userId: actorId, action: 'users.setDisabled' }, () => {
        if (!setUserDisabled(db, id, disabled)) throw new AppError('NOT_FOUND', 'users.notFound');
        return { audit: { dossierId: null, details: { id, disabled } } };
      });
      if (disabled) sessions.closeUser(id);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
