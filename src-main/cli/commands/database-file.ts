import { join } from 'node:path';

/** Where createCore keeps the desk's database (core.ts names the same file). */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'tiepnhan.sqlite');
}
