import type { ConfigView } from '../../src-shared/contract/config-commands.js';

/** The config file that set `key`, or null: such a value is locked on this desk. */
export function lockedFile(view: ConfigView | null, key: string): string | null {
  return view?.entries.find((e) => e.key === key)?.file ?? null;
}

/** A value IT's config set (null for secrets and unset keys). */
export function configValue(view: ConfigView | null, key: string): string | number | boolean | null {
  return view?.entries.find((e) => e.key === key)?.value ?? null;
}

/** Whether the config file holds a secret for `key` (the enrollment code): set, but never shown. */
export function hasSecret(view: ConfigView | null, key: string): boolean {
  return view?.entries.some((e) => e.key === key && e.secret) ?? false;
}
