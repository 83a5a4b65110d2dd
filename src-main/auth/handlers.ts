import type { authCommands } from '../../src-shared/contract/auth-commands.js';
import { AppError } from '../../src-shared/contract/errors.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { AuthService } from './auth-service.js';

export function authHandlers(auth: AuthService): HandlersOf<typeof authCommands> {
  return {
    'auth.login': ({ username, password }) => auth.login(username, password),
    'auth.logout': (_input, ctx) => {
      auth.logout(ctx.sessionToken);
      return { done: true };
    },
    'auth.unlock': async ({ password }, ctx) => {
      await auth.unlock(ctx.sessionToken, password);
      return { done: true };
    },
    'auth.me': (_input, ctx) => {
      if (!ctx.user) throw new AppError('UNAUTHENTICATED');
      return ctx.user;
    },
  };
}
