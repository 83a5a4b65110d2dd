import type { Db } from '../db/open.js';

/**
 * eSCL scanners added by URL live in the desk's settings table under their own key (no new
 * migration). The Settings schema does not list this key, so settings.get ignores it.
 */
const key = 'scanner.esclUrls';

export function readStoredEsclUrls(db: Db): string[] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return [];
  const parsed: unknown = JSON.parse(row.value);
  return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === 'string') : [];
}

export function addStoredEsclUrl(db: Db, url: string): void {
  db.transaction(() => {
    const urls = readStoredEsclUrls(db);
    if (urls.includes(url)) return;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify([...urls, url]));
  })();
}
