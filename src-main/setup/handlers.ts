import type { setupCommands } from '../../src-shared/contract/setup-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { SetupService } from './setup-service.js';

export function setupHandlers(setup: SetupService): HandlersOf<typeof setupCommands> {
  return {
    'setup.status': () => setup.status(),
    'setup.init': async ({ receptionPoint, admin }) => {
      await setup.init(receptionPoint, admin);
      return { done: true };
    },
  };
}
