import { admins, anyone, define, empty } from './define.js';
import { Settings } from './schemas.js';

/** The desk's settings, kept by an admin. */
export const settingsCommands = {
  'settings.get': define(anyone, empty, Settings),
  'settings.update': define(admins, Settings.partial(), Settings),
} as const;
