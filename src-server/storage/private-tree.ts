import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Makes a folder tree its owner's alone: folders 0700, files 0600. For PGlite's folder, whose
 * WebAssembly file layer creates files 0666 whatever the umask: done before it opens and after
 * it closes. While it runs, files it adds meanwhile sit in folders no one else can enter.
 */
export async function makeTreePrivate(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeTreePrivate(path);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}
