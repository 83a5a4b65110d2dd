import { Settings, type ReceptionPoint } from '../../src-shared/contract/schemas.js';
import { defaultImportLimits } from '../../src-shared/domain/import-limits.js';
import type { Db } from '../db/open.js';

/** Defaults for a desk that has just been set up; an admin changes them in Settings. */
export const defaultSettings: Omit<Settings, 'receptionPoint'> = {
  idleLockMinutes: 15,
  // DOMAIN.md: dossiers received after 15:00 count from the next working day.
  cutoffTime: '15:00',
  returnTime: '16:00',
  timeZone: 'Asia/Ho_Chi_Minh',
  trackingUrlTemplate: null,
  // A desk that is not enrolled owns the whole sequence space of its unit (slot 0, 0001–9999).
  deskSlot: 0,
  slotBlockSize: 10000,
  ...defaultImportLimits,
  // Review after the fact: dossiers sync as soon as they are received, as before reviews existed.
  reviewBeforeSync: false,
};

export function readSettings(db: Db): Settings | null {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  if (rows.length === 0) return null;
  const raw: Record<string, unknown> = { ...defaultSettings };
  for (const r of rows) raw[r.key] = JSON.parse(r.value);
  return Settings.parse(raw);
}

export function writeSettings(db: Db, values: Partial<Settings>): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(values)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
}

export function initSettings(db: Db, receptionPoint: ReceptionPoint, overrides: Partial<Settings> = {}): void {
  writeSettings(db, { ...defaultSettings, ...overrides, receptionPoint });
}
