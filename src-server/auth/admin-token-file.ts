import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomSecret, sameHash, sha256Hex } from './secrets.js';

const FILE = 'admin-token';

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
  const file = join(dataDir, FILE);
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

/**
 * Writes a new token into `<dataDir>/admin-token` (a temp file renamed over it, mode 0600, so
 * a reader never sees half a token) and returns it. Used by the admin API and by
 * `tiepnhan server rotate-admin-token`, which may run while servers are up: they notice the
 * file changed (AdminToken.verify) and refuse the old token from their next request on.
 */
export async function rotateAdminTokenFile(dataDir: string): Promise<string> {
  const token = randomSecret();
  const file = join(dataDir, FILE);
  const tmp = `${file}.${randomSecret().slice(0, 8)}.tmp`;
  await writeFile(tmp, token + '\n', { mode: 0o600, flag: 'wx' });
  await rename(tmp, file);
  return token;
}

/**
 * The admin token in force. From the file, it is re-read whenever the file changes (one stat
 * per admin request; admin requests are few), so a rotation by any instance or by the CLI
 * takes effect everywhere the data folder is shared. A token given by the environment is
 * fixed: rotating it means changing the variable and restarting.
 */
export class AdminToken {
  private hash: string;
  private seen: string;

  private constructor(
    token: string,
    private readonly dataDir: string,
    readonly fixed: boolean,
    seen: string,
  ) {
    this.hash = sha256Hex(token);
    this.seen = seen;
  }

  static async open(dataDir: string, given: string | undefined, onGenerated: (token: string, file: string) => void): Promise<AdminToken> {
    const token = await resolveAdminToken(dataDir, given, onGenerated);
    return new AdminToken(token, dataDir, Boolean(given), given ? '' : await fingerprint(join(dataDir, FILE)));
  }

  async verify(presented: string): Promise<boolean> {
    if (!this.fixed) await this.reload();
    return sameHash(this.hash, sha256Hex(presented));
  }

  /** A new token (shown once to the caller); the old one is refused from now on. */
  async rotate(): Promise<string> {
    if (this.fixed) throw new Error('fixed admin token');
    const token = await rotateAdminTokenFile(this.dataDir);
    this.hash = sha256Hex(token);
    this.seen = await fingerprint(join(this.dataDir, FILE));
    return token;
  }

  private async reload(): Promise<void> {
    const file = join(this.dataDir, FILE);
    const now = await fingerprint(file);
    if (now === this.seen) return;
    const token = (await readFile(file, 'utf8').catch(() => '')).trim();
    // A missing or emptied file leaves the last good token in force rather than none.
    if (token.length >= 16) this.hash = sha256Hex(token);
    this.seen = now;
  }
}

async function fingerprint(file: string): Promise<string> {
  const s = await stat(file, { bigint: true }).catch(() => null);
  return s ? `${s.ino}:${s.mtimeNs}:${s.size}` : '';
}
