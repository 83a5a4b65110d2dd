#!/usr/bin/env node
// The `tiepnhan` command: a tiny shim over the compiled CLI in dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src-main', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(
    'TiepNhan chưa được build: hãy chạy "npm run build" trong thư mục ứng dụng.\n' +
      'TiepNhan is not built yet: run "npm run build" in the app folder.\n',
  );
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(main).href);
process.exitCode = await runCli(process.argv.slice(2));
