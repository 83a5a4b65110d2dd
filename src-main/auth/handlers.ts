import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Deps } from '../app/deps.js';
import { initSettings } from '../app/settings.js';
import { auditedChange } from '../audit/audited-change.js';
import type { Handlers } from '../ipc/handler-types.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { findUserById, findUserByUsername, insertUser, listUsers, setUserDisabled, userCount } from './users-repo.js';

type AuthHandlers = Pick<
  Handlers,
  'setup.init' | 'auth.login' | 'auth.logout' | 'auth.unlock' | 'auth.me' | 'users.list' | 'users.create' | 'users.setDisabled'
>;

export function authHandlers({ db, clock, sessions, settings, idleLockMinutesDefault }: Deps): AuthHandlers {
  return {
    async 'setup.init'({ receptionPoint, admin }) {
      const passwordHash = await hashPassword(admin.password);
      const id = randomUUID();
      auditedChange(db, clock, { userId: id, action: 'setup.init' }, ({ at }) => {
        // Checked again inside the transaction: two windows racing through setup get one admin.
        if (userCount(db) > 0) throw new AppError('SETUP_DONE');
        insertUser(db, { id, username: admin.username, fullName: admin.fullName, role: 'admin', passwordHash, createdAt: at });
        initSettings(db, receptionPoint, { idleLockMinutes: idleLockMinutesDefault });
        return { audit: { dossierId: null, details: { receptionPoint, admin: admin.username } } };
      });
      return { done: true };
    },

    async 'auth.login'({ username, password }) {
      const user = findUserByUsername(db, username);
      // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !valid || user.disabled) throw new AppError('BAD_CREDENTIALS');
      const { passwordHash: _, ...publicUser } = user;
      const sessionToken = sessions.open(publicUser);
      return { sessionToken, user: publicUser, idleLockMinutes: settings().idleLockMinutes };
    },

    'auth.logout'(_input, ctx) {
      sessions.close(ctx.sessionToken);
      return { done: true };
    },

    async 'auth.unlock'({ password }, ctx) {
      const user = sessions.peek(ctx.sessionToken);
      if (!user || !ctx.sessionToken) throw new AppError('UNAUTHENTICATED');
      const stored = findUserById(db, user.id);
      if (!stored || stored.disabled || !(await verifyPassword(password, stored.passwordHash))) throw new AppError('BAD_CREDENTIALS');
      sessions.unlock(ctx.sessionToken);
      return { done: true };
    },

    'auth.me'(_input, ctx) {
      if (!ctx.user) throw new AppError('UNAUTHENTICATED');
      return ctx.user;
    },

    'users.list': () => listUsers(db),

    async 'users.create'(input, ctx) {
      const passwordHash = await hashPassword(input.password);
      const id = randomUUID();
      auditedChange(db, clock, { userId: ctx.user?.id ?? null, action: 'users.create' }, ({ at }) => {
        if (findUserByUsername(db, input.username)) throw new AppError('CONFLICT', undefined, { username: 'username.taken' });
        insertUser(db, { id, username: input.username, fullName: input.fullName, role: input.role, passwordHash, createdAt: at });
        return { audit: { dossierId: null, details: { id, username: input.username, role: input.role } } };
      });
      return { id, username: input.username, fullName: input.fullName, role: input.role, disabled: false };
    },

    'users.setDisabled'({ id, disabled }, ctx) {
      if (id === ctx.user?.id) throw new AppError('FORBIDDEN', 'Không thể tự khóa tài khoản của chính mình.');
      auditedChange(db, clock, { userId: ctx.user?.id ?? null, action: 'users.setDisabled' }, () => {
        if (!setUserDisabled(db, id, disabled)) throw new AppError('NOT_FOUND');
        return { audit: { dossierId: null, details: { id, disabled } } };
      });
      if (disabled) sessions.closeUser(id);
      return { done: true };
    },
  };
}
