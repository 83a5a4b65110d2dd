import type { ConfigEntry, ConfigView } from '../../src-shared/contract/config-commands.js';
import { secretConfigKeys, type ConfigKey } from '../kernel/config-schema.js';
import type { LoadedConfig } from '../kernel/config.js';

/** A proxy address without any user name and password it may carry. */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** Every value IT set, flattened (reception point fields on their own), with secrets removed. */
export function configEntries(config: LoadedConfig): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const [key, value] of Object.entries(config.values) as [ConfigKey, unknown][]) {
    if (value === undefined) continue;
    if (key === 'receptionPoint') {
      for (const [field, v] of Object.entries(value as Record<string, string>)) {
        const k = `receptionPoint.${field}`;
        entries.push({ key: k, value: v, secret: false, file: config.sources[k] ?? '' });
      }
      continue;
    }
    const secret = secretConfigKeys.includes(key);
    const shown = secret ? null : key === 'proxyUrl' && typeof value === 'string' ? withoutCredentials(value) : (value as ConfigEntry['value']);
    entries.push({ key, value: shown, secret, file: config.sources[key] ?? '' });
  }
  return entries;
}

export function configView(config: LoadedConfig): ConfigView {
  return {
    files: config.files,
    entries: configEntries(config),
    language: config.values.language ?? null,
    scannerPreset: config.values.scannerPreset ?? null,
  };
}
