import type { configCommands } from '../../src-shared/contract/config-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { LoadedConfig } from '../kernel/config.js';
import { configView } from './config-view.js';

export function configHandlers(config: LoadedConfig): HandlersOf<typeof configCommands> {
  return {
    'config.get': () => configView(config),
  };
}
