import { useEffect, useState } from 'react';
import type { Connection, ConnectionState } from '../ipc/connection.js';

export function useConnectionState(connection: Connection): ConnectionState {
  const [state, setState] = useState(connection.state());
  useEffect(() => connection.onState((s) => setState(s)), [connection]);
  return state;
}
