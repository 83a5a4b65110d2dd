import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannels } from '../../src-shared/contract/bridge.js';
import {
  answerAppRequest,
  appIndexUrl,
  electronCsp,
  isAppUrl,
  isTrustedSender,
  mainWindowOptions,
  permissionAllowed,
} from '../../src-main/electron/shell-policy.js';

// The Electron binary cannot be downloaded here: these test the shell's rules without it.

describe('Electron window options', () => {
  it('sandboxes the renderer with context isolation and no Node', () => {
    const web = mainWindowOptions('/app/preload.cjs').webPreferences ?? {};
    expect(web.sandbox).toBe(true);
    expect(web.contextIsolation).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.preload).toBe('/app/preload.cjs');
  });

  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(permissionAllowed(p, appIndexUrl)).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts only the top frame of our app:// page', () => {
    expect(isTrustedSender({ url: appIndexUrl, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://tiepnhan/index.html#/dossiers', parent: null })).toBe(true);
    expect(isTrustedSender({ url: appIndexUrl, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'blob:app://tiepnhan/1234', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://user@tiepnhan/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:47800/')).toBe(false);
  });

  it('uses the channel names of the shared contract in the preload', () => {
    // The sandboxed preload cannot import them, so it repeats them; they must not drift.
    const preload = readFileSync(new URL('../../src-main/electron/preload.cts', import.meta.url), 'utf8');
    for (const [key, channel] of Object.entries(ipcChannels)) expect(preload).toContain(`${key}: '${channel}'`);
    expect(preload).toContain("exposeInMainWorld('tiepnhan', bridge)");
  });
});

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiepnhan-electron-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'renderer', 'assets', 'a.js'), '');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves renderer files with the CSP and nothing else', () => {
    const root = join(dir, 'renderer');
    const index = answerAppRequest(appIndexUrl, root);
    expect(index.status).toBe(200);
    if (index.status === 200) {
      expect(index.headers['Content-Security-Policy']).toBe(electronCsp);
      expect(index.headers['Content-Type']).toBe('text/html; charset=utf-8');
    }
    expect(answerAppRequest('app://tiepnhan/assets/a.js', root).status).toBe(200);
    expect(answerAppRequest('app://tiepnhan/', root).status).toBe(200);
    for (const url of ['app://tiepnhan/../secret.txt', 'app://tiepnhan/%2e%2e/secret.txt', 'app://tiepnhan/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://tiepnhan/missing.js']) {
      expect(answerAppRequest(url, root).status, url).toBe(404);
    }
  });

  it('has a strict CSP', () => {
    expect(electronCsp).toContain("default-src 'self'");
    expect(electronCsp).toContain("script-src 'self';");
    expect(electronCsp).toContain("object-src 'none'");
    expect(electronCsp).toContain("frame-ancestors 'none'");
    expect(electronCsp).not.toContain('unsafe-eval');
  });
});
