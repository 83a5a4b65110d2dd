import type { usersCommands } from '../../src-shared/contract/users-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { UsersService } from './users-service.js';

export function usersHandlers(users: UsersService): HandlersOf<typeof usersCommands> {
  return {
    'users.list': () => users.list(),
    'users.create': (input, ctx) => users.create(input, ctx.user?.id ?? null),
    'users.setDisabled': ({ id, disabled }, ctx) => {
      users.setDisabled(id, disabled, ctx.user?.id ?? null);
      return { done: true };
    },
  };
}
