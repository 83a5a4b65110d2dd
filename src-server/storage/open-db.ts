import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';
import { openPgDb } from './pg-db.js';
import { openPgliteDb } from './pglite-db.js';
import { makeTreePrivate } from './private-tree.js';

/** PostgreSQL when a URL is given, else PGlite in `<dataDir>/pg` (kept private to the server's user). */
export async function openDb(dataDir: string, databaseUrl?: string): Promise<Db> {
  if (databaseUrl) return openPgDb(databaseUrl);
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await makeTreePrivate(dir);
  const db = await openPgliteDb(dir);
  return {
    ...db,
    close: async () => {
      await db.close();
      await makeTreePrivate(dir);
    },
  };
}
