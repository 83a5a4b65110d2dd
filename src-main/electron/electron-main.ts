import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels } from '../../src-shared/contract/bridge.js';
import type { Result } from '../../src-shared/contract/result.js';
import { loadConfig } from '../kernel/config.js';
import { createCore, type Core } from '../app/core.js';
import { finishPendingRestore } from '../backup/restore-backup.js';
import { fileLogger, type FileLogger } from '../kernel/logger.js';
import { appRoot } from '../kernel/paths.js';
import { acquireInstanceLock } from '../kernel/instance-lock.js';
import {
  answerAppRequest,
  appIndexUrl,
  appScheme,
  isAppUrl,
  isTrustedSender,
  mainWindowOptions,
  permissionAllowed,
} from './shell-policy.js';

/**
 * The Electron shell: one sandboxed window over the same core and contract as the web
 * host, which does not run alongside it. Kept thin; the rules live in shell-policy.ts.
 */

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(appRoot(), 'dist', 'renderer');
const forbidden: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'Nguồn gọi không hợp lệ. (Untrusted sender.)' } };

// Before ready: app:// behaves like https (standard, secure) so fetch, CSP 'self' and storage work.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
// The same folder paths.ts defaultDataDir() names, whatever package.json's name is.
app.setPath('userData', join(app.getPath('appData'), 'TiepNhan'));

function fail(title: string, error: unknown): void {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
}

function start(): void {
  const dataDir = process.env.TIEPNHAN_DATA_DIR || app.getPath('userData');
  let core: Core;
  let lock: { release(): void };
  let logger: FileLogger;
  try {
    const config = loadConfig(dataDir);
    lock = acquireInstanceLock(dataDir, 'electron');
    logger = fileLogger(dataDir, config.values.logLevel ? { level: config.values.logLevel } : {});
    // A restore staged from the Diagnostics screen replaces the data before the database opens.
    finishPendingRestore(dataDir, logger);
    core = createCore({ dataDir, logger, config, safeStorage });
  } catch (error) {
    fail('TiepNhan không khởi động được (TiepNhan cannot start)', error);
    return;
  }
  core.sync.engine.start();
  core.backup.start();
  const subscribed = new Map<number, string | null>();

  protocol.handle(appScheme, async (request) => {
    const answer = answerAppRequest(request.url, rendererDir);
    if (answer.status !== 200) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(await readFile(answer.file)), { status: 200, headers: answer.headers });
  });

  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(permissionAllowed(permission, wc.getURL())));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => permissionAllowed(permission, origin));

  ipcMain.handle(ipcChannels.invoke, async (event: IpcMainInvokeEvent, command: unknown, input: unknown, token: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      core.logger.warn('ipc refused: untrusted sender', { url: event.senderFrame?.url ?? null });
      return forbidden;
    }
    return core.dispatch(command, input, typeof token === 'string' ? token : null);
  });
  ipcMain.on(ipcChannels.subscribe, (event: IpcMainEvent, token: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return;
    subscribed.set(event.sender.id, typeof token === 'string' ? token : null);
  });
  core.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const wc = win.webContents;
      if (subscribed.has(wc.id) && core.mayReceiveEvents(subscribed.get(wc.id) ?? null)) wc.send(ipcChannels.event, name, payload);
    }
  });

  const lockDown = (wc: WebContents) => {
    wc.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    wc.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    wc.on('will-attach-webview', (event) => event.preventDefault());
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  };
  app.on('web-contents-created', (_event, wc) => lockDown(wc));

  const createWindow = () => {
    const win = new BrowserWindow(mainWindowOptions(join(here, 'preload.cjs')));
    const id = win.webContents.id;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => subscribed.delete(id));
    void win.loadURL(appIndexUrl);
    return win;
  };

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Hold the quit until the OCR queue has stopped and the database is closed.
    event.preventDefault();
    void core
      .close()
      .catch((error: unknown) => core.logger.error('core close failed', { error }))
      .finally(() => {
        closed = true;
        logger.close();
        lock.release();
        app.quit();
      });
  });
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start, (error: unknown) => fail('TiepNhan', error));
}
