import type { settingsCommands } from '../../src-shared/contract/settings-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { SettingsService } from './settings-service.js';

export function settingsHandlers(settings: SettingsService): HandlersOf<typeof settingsCommands> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (values, ctx) => settings.update(values, ctx.user?.id ?? null),
  };
}
