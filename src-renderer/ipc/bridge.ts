import type { TiepNhanBridge } from '../../src-shared/contract/bridge.js';
import type { Connection } from './connection.js';
import { createWsBridge } from './ws-bridge.js';

declare global {
  interface Window {
    /** Set by Electron's preload (contextBridge); absent in the web host. */
    tiepnhan?: TiepNhanBridge;
  }
}

/** Electron's preload bridge when present, else the web host's WebSocket. */
export function createBridge(launchToken: string | null): Connection {
  const electron = window.tiepnhan;
  if (electron) {
    return { bridge: electron, state: () => 'online', onState: () => () => undefined };
  }
  // The HttpOnly cookie set on the first tokened request also authorises same-origin sockets;
  // the token in the socket URL covers browsers that refuse the cookie.
  const url = window.location.origin.replace(/^http/, 'ws') + '/ws' + (launchToken ? '?token=' + encodeURIComponent(launchToken) : '');
  return createWsBridge(url);
}
