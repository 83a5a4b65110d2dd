// Compile-checks the Windows (WIA 2.0) backend on Linux with the mingw-w64 cross compiler:
// `-fsyntax-only` against node-addon-api and the running Node's own headers. It proves the
// code parses and type-checks against the Windows SDK headers mingw-w64 ships (COM, WIA 1,
// property storage) and our WIA 2.0 declarations; it cannot link, load or talk to a driver.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const addonApi = dirname(require.resolve('node-addon-api/package.json'));
const nodeHeaders = join(dirname(dirname(process.execPath)), 'include', 'node');
// The -posix variant: the default win32 thread model has no std::mutex, which node-addon-api uses.
const cxx = process.env.MINGW_CXX ?? 'x86_64-w64-mingw32-g++-posix';
if (!existsSync(join(nodeHeaders, 'node_api.h'))) {
  console.error(`Node headers not found in ${nodeHeaders}`);
  process.exit(1);
}
const args = [
  '-fsyntax-only', '-std=c++17', '-Wall', '-Wextra', '-Wno-unused-parameter', '-Werror',
  '-D_WIN32_WINNT=0x0601', '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-DUNICODE', '-D_UNICODE',
  `-I${addonApi}`, `-I${nodeHeaders}`,
  join(here, 'src', 'addon.cc'), join(here, 'src', 'wia_backend.cc'),
];
const result = spawnSync(cxx, args, { stdio: 'inherit' });
if (result.error) {
  console.error(`${cxx}: ${result.error.message} (apt-get install -y mingw-w64)`);
  process.exit(1);
}
if (result.status === 0) console.log('WIA backend: mingw-w64 syntax check passed');
process.exit(result.status ?? 1);
