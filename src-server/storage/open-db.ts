import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';
import { openPgDb } from './pg-db.js';
import { openPgliteDb } from './pglite-db.js';

/** PostgreSQL when a URL is given, else PGlite in `<dataDir>/pg`. */
export async function openDb(dataDir: string, databaseUrl?: string): Promise<Db> {
  if (databaseUrl) return openPgDb(databaseUrl);
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  return openPgliteDb(dir);
}
