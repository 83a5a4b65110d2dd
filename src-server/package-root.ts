import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding TiepNhan's package.json, found by walking up from this module, so the
 * same code finds src-server/migrations and the version both from sources (vitest) and
 * from dist/src-server (node).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'tiepnhan') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json of tiepnhan not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function serverVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export const migrationsDir = (): string => join(packageRoot(), 'src-server', 'migrations');
