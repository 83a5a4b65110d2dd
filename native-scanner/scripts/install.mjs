// Runs at `npm install` (the "install" script of this local package, approved in the app's
// package.json allowScripts): builds the addon where it can be built, and never fails the
// install. Without it every dossier page warned "Thiếu mô-đun máy quét" until someone knew to run
// `npm run build:scanner` (issue 15). Skipped, with a line saying why and what to do, when:
// - a prebuilt addon for this platform is already in prebuilds/ (what the installers ship);
// - TIEPNHAN_SKIP_SCANNER_BUILD=1;
// - on Linux, SANE's headers are absent (no libsane-dev): eSCL and the demo scanner still work;
// - the build itself fails (no compiler, no node-gyp in a production install).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line) => console.log(`tiepnhan-native-scanner: ${line}`);
const later = 'Cài libsane-dev và trình biên dịch rồi chạy "npm run build:scanner". / Install libsane-dev and a compiler, then run "npm run build:scanner".';

function prebuilt() {
  const dir = join(here, 'prebuilds', `${process.platform}-${process.arch}`);
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.node'));
}

/**
 * SANE's header, where libsane-dev (Debian/Ubuntu) or sane-backends-devel (Fedora) puts it;
 * TIEPNHAN_SANE_HEADER names another place (an unusual prefix, or a test of the skip).
 */
const saneHeaders = () =>
  (process.env.TIEPNHAN_SANE_HEADER ? [process.env.TIEPNHAN_SANE_HEADER] : ['/usr/include/sane/sane.h', '/usr/local/include/sane/sane.h', '/opt/homebrew/include/sane/sane.h']).some((p) => existsSync(p));

if (process.env.TIEPNHAN_SKIP_SCANNER_BUILD === '1') say('bỏ qua theo TIEPNHAN_SKIP_SCANNER_BUILD=1 / skipped (TIEPNHAN_SKIP_SCANNER_BUILD=1).');
else if (prebuilt()) say(`dùng bản dựng sẵn trong prebuilds/ / using the prebuilt addon (${process.platform}-${process.arch}).`);
else if (process.platform !== 'win32' && !saneHeaders()) say(`bỏ qua: máy chưa có libsane-dev (SANE) / skipped: SANE headers (libsane-dev) not found. ${later}`);
else {
  const r = spawnSync(process.execPath, [join(here, 'scripts', 'build.mjs')], { cwd: here, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status === 0) say('đã dựng mô-đun máy quét / scanner addon built.');
  else {
    const reason = (r.stderr || '').trim().split('\n').filter(Boolean).slice(-3).join(' | ');
    say(`không dựng được mô-đun máy quét, bỏ qua / could not build the scanner addon, skipped (${reason}). ${later}`);
  }
}
