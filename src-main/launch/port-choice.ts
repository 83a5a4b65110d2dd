import { ConfigError } from '../app/config.js';

/** Default web host port: fixed so a bookmark keeps working; in the IANA dynamic-free user range. */
export const defaultWebPort = 47800;

export type PortChoice = { port: number; /** May another port be used if this one is busy? */ fallback: boolean };

/** TIEPNHAN_PORT, then config.json's port, then the default (which alone may fall back). */
export function choosePort(env: NodeJS.ProcessEnv, configPort: number | undefined): PortChoice {
  const raw = env.TIEPNHAN_PORT;
  if (raw !== undefined && raw !== '') {
    const port = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || port > 65535) {
      throw new ConfigError(`TIEPNHAN_PORT="${raw}" không hợp lệ: cần số 0–65535. (TIEPNHAN_PORT must be 0–65535.)`, 'TIEPNHAN_PORT');
    }
    return { port, fallback: false };
  }
  if (configPort !== undefined) return { port: configPort, fallback: false };
  return { port: defaultWebPort, fallback: true };
}
