import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The Electron executable when it is really installed, else null. The `electron`
 * package's main export is the binary's path, and it throws when the download failed
 * (as it does on our build machines): both cases mean "use the web host".
 */
export function findElectronBinary(): string | null {
  try {
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The installed electron package's version (types-only installs have one too), or null. */
export function electronPackageVersion(): string | null {
  try {
    const file = require.resolve('electron/package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}
