import type { TiepNhanBridge } from '../../src-shared/contract/bridge.js';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** A bridge plus what the UI needs to know about the link to main (offline banner, resync). */
export type Connection = {
  bridge: TiepNhanBridge;
  state(): ConnectionState;
  /** `reconnected` is true when the link came back after a drop: live streams must resync. */
  onState(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
};

/** Shown when a command cannot reach main; not an AppError code because main never sent it. */
export const offlineMessage = 'Mất kết nối với ứng dụng chính. Thao tác chưa được thực hiện; vui lòng thử lại khi có kết nối.';
