import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy, contentTypeFor, resolveStatic } from '../host/static-files.js';

/**
 * The pure rules of the Electron shell, kept free of runtime Electron imports so they
 * are unit-tested without the Electron binary (which cannot be downloaded here).
 */

/** The renderer is served from a privileged custom scheme rather than file://, so that
 * 'self' in the CSP means exactly our files and absolute asset paths from Vite resolve. */
export const appScheme = 'app';
export const appHost = 'tiepnhan';
export const appOrigin = `${appScheme}://${appHost}`;
export const appIndexUrl = `${appOrigin}/index.html`;

/** Whether a URL belongs to our renderer (IPC senders, navigation targets). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${appScheme}:` && u.host === appHost && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Only our top-level page may call main; the PDF print iframe (blob:) and anything else may not. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'TiepNhan',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Chromium's built-in PDF viewer: the receipt is shown and printed from a blob: iframe.
      plugins: true,
    },
  };
}

/** No web permission (camera, notifications, geolocation, …) is granted until a feature needs one. */
export function permissionAllowed(_permission: string, _requestingUrl: string): boolean {
  return false;
}

/** The CSP for the Electron renderer: the web host's policy with no WebSocket to allow. */
export const electronCsp = contentSecurityPolicy([]);

export type ProtocolAnswer = { status: 200; file: string; headers: Record<string, string> } | { status: 404 };

/** Maps an app:// request to a file of the built renderer, with the shell's security headers. */
export function answerAppRequest(requestUrl: string, rendererDir: string): ProtocolAnswer {
  if (!isAppUrl(requestUrl)) return { status: 404 };
  const file = resolveStatic(rendererDir, new URL(requestUrl).pathname);
  if (!file) return { status: 404 };
  return {
    status: 200,
    file,
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': electronCsp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
  };
}
