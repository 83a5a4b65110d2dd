#!/usr/bin/env node
// The `tiepnhan` command: a tiny shim over the compiled CLI in dist/.
// `tiepnhan server …` runs the provincial sync server (src-server), kept apart from the desk's code.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const args = process.argv.slice(2);
const isServer = args[0] === 'server';
const entry = isServer ? join(dist, 'src-server', 'main.js') : join(dist, 'src-main', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(
    'TiepNhan chưa được build: hãy chạy "npm run build" trong thư mục ứng dụng.\n' +
      'TiepNhan is not built yet: run "npm run build" in the app folder.\n',
  );
  process.exit(1);
}
if (isServer) {
  // src-server/main.ts reads its flags from process.argv.
  process.argv.splice(2, 1);
  await import(pathToFileURL(entry).href);
} else {
  const { runCli } = await import(pathToFileURL(entry).href);
  process.exitCode = await runCli(args);
}
