// Compiled to preload.cjs: sandboxed preloads are CommonJS and may require only 'electron',
// so the channel names are repeated here (a test checks they match src-shared's ipcChannels).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { TiepNhanBridge } from '../../src-shared/contract/bridge.js';
import type { EventName } from '../../src-shared/contract/events.js';
import type { Result } from '../../src-shared/contract/result.js';

const channels = {
  invoke: 'tiepnhan:invoke',
  subscribe: 'tiepnhan:subscribe',
  event: 'tiepnhan:event',
} as const;

/** Exactly the TiepNhanBridge, nothing of Node or Electron leaks to the page. */
const bridge: TiepNhanBridge = {
  invoke: (command, input, sessionToken) =>
    ipcRenderer.invoke(channels.invoke, command, input, sessionToken) as Promise<Result<unknown>>,
  subscribe: (sessionToken) => ipcRenderer.send(channels.subscribe, sessionToken),
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: EventName, payload: unknown) => listener(name, payload);
    ipcRenderer.on(channels.event, handler);
    return () => {
      ipcRenderer.removeListener(channels.event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('tiepnhan', bridge);
