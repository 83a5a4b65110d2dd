import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../kernel/config.js';
import { createCore } from '../app/core.js';
import { finishPendingRestore } from '../backup/restore-backup.js';
import { fileLogger } from '../kernel/logger.js';
import { appRoot } from '../kernel/paths.js';
import { startWebHost, type WebHost } from '../host/web-host.js';
import { acquireInstanceLock } from '../kernel/instance-lock.js';
import { openBrowser } from './open-browser.js';
import { choosePort, listenWithFallback } from './port-choice.js';

export type WebLaunchOptions = {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
};

/**
 * Runs the core and the web host in this process until SIGINT/SIGTERM, then closes both.
 * Prints exactly one line on stdout, the URL (with its token) the clerk opens.
 */
export async function runWebHost({ dataDir, env, out, err }: WebLaunchOptions): Promise<number> {
  // TIEPNHAN_RENDERER_DIR serves another build of the renderer (development, tests).
  const staticDir = env.TIEPNHAN_RENDERER_DIR ? resolve(env.TIEPNHAN_RENDERER_DIR) : join(appRoot(), 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    err(`Chưa có giao diện đã build trong ${staticDir}: hãy chạy "npm run build". (Renderer not built: run "npm run build".)`);
    return 1;
  }
  const config = loadConfig(dataDir, env);
  const choice = choosePort(env, config.values.port);
  const lock = acquireInstanceLock(dataDir, 'web');
  const logger = fileLogger(dataDir, config.values.logLevel ? { level: config.values.logLevel } : {});
  let core: ReturnType<typeof createCore> | undefined;
  let host: WebHost | undefined;
  try {
    // A restore staged from the Diagnostics screen replaces the data before the database opens.
    const restored = finishPendingRestore(dataDir, logger);
    if (restored.restored) err(`Đã khôi phục bản sao lưu; dữ liệu cũ ở ${restored.previous}. (Backup restored; the old data is in ${restored.previous}.)`);
    core = createCore({
      dataDir,
      logger,
      config,
    });
    const c = core;
    host = await listenWithFallback((port) => startWebHost({ core: c, port, staticDir }), choice, err);
  } catch (error) {
    await core?.close();
    logger.close();
    lock.release();
    throw error;
  }
  core.logger.info('web host started', { port: host.port });
  core.sync.engine.start();
  core.backup.start();
  out(`TiepNhan is running at ${host.url}`);
  if (env.TIEPNHAN_NO_BROWSER !== '1') openBrowser(host.url);

  const running = { core, host };
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      running.core.logger.info('web host stopping', { signal });
      running.host
        .close()
        .catch((error: unknown) => running.core.logger.error('web host close failed', { error }))
        .then(() => running.core.close())
        .catch((error: unknown) => running.core.logger.error('core close failed', { error }))
        .finally(() => {
          logger.close();
          lock.release();
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done(0);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
