import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomSecret } from './secrets.js';

/**
 * The admin token: given (TIEPNHAN_ADMIN_TOKEN or the adminToken option), else read from
 * `<dataDir>/admin-token`, else generated there (mode 0600) and reported once through
 * `onGenerated` so the operator can copy it.
 */
export async function resolveAdminToken(dataDir: string, given: string | undefined, onGenerated: (token: string, file: string) => void): Promise<string> {
  if (given) {
    if (given.length < 16) throw new Error('The admin token must be at least 16 characters long.');
    return given;
  }
  const file = join(dataDir, 'admin-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = randomSecret();
  try {
    await writeFile(file, token + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another instance sharing the folder won the race: use its token.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw err;
  }
  onGenerated(token, file);
  return token;
}
