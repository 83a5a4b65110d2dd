import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Builds the addon once if this checkout has no build yet (node-gyp, a few seconds). */
export function ensureAddonBuilt(): void {
  if (existsSync(join(root, 'native-scanner', 'build', 'Release', 'tiepnhan_scanner.node'))) return;
  execFileSync(process.execPath, [join(root, 'native-scanner', 'scripts', 'build.mjs')], { stdio: 'ignore' });
}

/**
 * A private SANE configuration that enables only the `test` backend (Debian ships it
 * commented out in dll.conf, so sane_get_devices would not list it) and sets its defaults
 * (test.conf keys are documented in sane-test(5)). Also keeps network backends from slowing tests.
 */
export function saneConfigDir(testConf: Record<string, string | number | boolean> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-sane-'));
  writeFileSync(join(dir, 'dll.conf'), 'test\n');
  const conf = { 'test-picture': '"Color pattern"', ...testConf };
  writeFileSync(join(dir, 'test.conf'), Object.entries(conf).map(([k, v]) => `${k} ${String(v)}`).join('\n') + '\n');
  return dir;
}
