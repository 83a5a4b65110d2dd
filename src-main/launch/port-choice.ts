import { ConfigError } from '../kernel/config.js';

/** Default web host port: fixed so a bookmark keeps working; in the IANA dynamic-free user range. */
export const defaultWebPort = 47800;

export type PortChoice = { port: number; /** May another port be used if this one is busy? */ fallback: boolean };

/** TIEPNHAN_PORT, then config.json's port, then the default (which alone may fall back). */
export function choosePort(env: NodeJS.ProcessEnv, configPort: number | undefined): PortChoice {
  const raw = env.TIEPNHAN_PORT;
  if (raw !== undefined && raw !== '') {
    const port = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || port > 65535) {
      throw new ConfigError([
        { file: 'TIEPNHAN_PORT', key: 'TIEPNHAN_PORT', message: `TIEPNHAN_PORT="${raw}" không hợp lệ: cần số 0–65535. (TIEPNHAN_PORT must be 0–65535.)` },
      ]);
    }
    return { port, fallback: false };
  }
  if (configPort !== undefined) return { port: configPort, fallback: false };
  return { port: defaultWebPort, fallback: true };
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Cổng ${port} đang được chương trình khác dùng; đặt TIEPNHAN_PORT=0 để chọn cổng trống. ` +
        `(Port ${port} is in use; set TIEPNHAN_PORT=0 for any free port.)`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Starts a listener on the chosen port. Only the default port falls back to any free
 * port when busy (and says so); a port IT asked for is an error rather than a surprise.
 */
export async function listenWithFallback<T>(start: (port: number) => Promise<T>, choice: PortChoice, notice: (line: string) => void): Promise<T> {
  try {
    return await start(choice.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (!choice.fallback) throw new PortInUseError(choice.port);
    notice(`Cổng ${choice.port} đang bận, dùng một cổng trống khác. (Port ${choice.port} is busy; using any free port.)`);
    return start(0);
  }
}
