import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, migrations/ and assets/, from source or from dist/ (or app.asar). */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('TiepNhan cannot find its own files (package.json, migrations/)');
    dir = parent;
  }
}

/**
 * Where the desk's data lives: `TIEPNHAN_DATA_DIR` if set, else the OS user-data folder
 * (the same one Electron's app.getPath('userData') names for an app called TiepNhan).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.TIEPNHAN_DATA_DIR) return resolve(env.TIEPNHAN_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'TiepNhan');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'TiepNhan');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'TiepNhan');
}
