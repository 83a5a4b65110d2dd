import { z } from 'zod';
import { define, empty } from './define.js';
import { ScanPresetId } from './scan-commands.js';

/** One value IT set in a config file; such a value is locked on the desk. */
export const ConfigEntry = z.object({
  /** The config key; reception point fields as `receptionPoint.name`. */
  key: z.string(),
  /** Null for a secret (the enrollment code): only that it is set is shown. */
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  secret: z.boolean(),
  /** The file that set it. */
  file: z.string(),
});
export type ConfigEntry = z.infer<typeof ConfigEntry>;

export const ConfigView = z.object({
  files: z.array(z.object({ path: z.string(), scope: z.enum(['machine', 'data-folder']), exists: z.boolean() })),
  entries: z.array(ConfigEntry),
  /** The interface language IT set, or null (each user chooses). */
  language: z.enum(['vi', 'en']).nullable(),
  /** The scan preset a scanning panel opens with, or null (the app's default). */
  scannerPreset: ScanPresetId.nullable(),
});
export type ConfigView = z.infer<typeof ConfigView>;

/** The machine configuration (IT's config files), as far as the desk's screens need it. */
export const configCommands = {
  /** Public: the sign-in and first-run screens need the language and the locked reception point. Secrets are never included. */
  'config.get': define('public', empty, ConfigView),
} as const;
