import { AppError } from '../../src-shared/contract/errors.js';
import type { SyncOptions } from '../../src-shared/contract/sync-commands.js';
import type { Db } from '../db/open.js';
import { getState, setState } from './sync-repo.js';

export const defaultSyncOptions: SyncOptions = {
  bandwidthBytesPerSecond: null,
  window: null,
  // Off by default: purging citizens' page images is a decision for the province (issue 5).
  retentionDays: null,
  allowInsecureHttp: false,
  proxyUrl: null,
};

export function readSyncOptions(db: Db): SyncOptions {
  return { ...defaultSyncOptions, ...(getState<Partial<SyncOptions>>(db, 'options') ?? {}) };
}

export function writeSyncOptions(db: Db, change: Partial<SyncOptions>): SyncOptions {
  const next = { ...readSyncOptions(db), ...change };
  setState(db, 'options', next);
  return next;
}

/** Local "HH:MM" of an instant in a time zone. */
export function localClockTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/** Inside [from, to) local time; a window whose end is before its start wraps midnight (17:00–07:00). */
export function insideWindow(window: SyncOptions['window'], at: Date, timeZone: string): boolean {
  if (!window) return true;
  const t = localClockTime(at, timeZone);
  if (window.from === window.to) return true;
  return window.from < window.to ? t >= window.from && t < window.to : t >= window.from || t < window.to;
}

/** Options only an admin may change: plain HTTP sends citizens' data in clear; a proxy sees where every request goes. */
export function assertMayChangeOptions(change: Partial<SyncOptions>, isAdmin: boolean): void {
  if (isAdmin) return;
  if (change.allowInsecureHttp !== undefined) throw new AppError('FORBIDDEN', 'sync.adminOnlyHttp');
  if (change.proxyUrl !== undefined) throw new AppError('FORBIDDEN', 'sync.adminOnlyProxy');
}
