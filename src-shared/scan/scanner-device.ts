/** Devices and scan settings, shared by main, the scanner host and the renderer. */

export type ScannerBackend = 'sane' | 'wia' | 'escl' | 'demo';
export type ScanSource = 'flatbed' | 'adf' | 'adf-duplex';
export type ColorMode = 'color' | 'gray' | 'lineart';

/** Paper sizes in millimetres (ISO 216 for A4/A5; ID-1 from ISO/IEC 7810 for citizen ID cards). */
export const pageSizes = {
  a4: { widthMm: 210, heightMm: 297 },
  a5: { widthMm: 148, heightMm: 210 },
  letter: { widthMm: 215.9, heightMm: 279.4 },
  legal: { widthMm: 215.9, heightMm: 355.6 },
  'id-card': { widthMm: 85.6, heightMm: 53.98 },
} as const;

/** A named size, or `max`: the whole scan area the device offers. */
export type PageSize = keyof typeof pageSizes | 'max';

export type ScannerCapabilities = {
  /** Resolutions the device accepts; for a continuous range, a few useful steps inside it. */
  resolutions: number[];
  modes: ColorMode[];
  /** Largest scan area, when the device reports it. */
  maxWidthMm?: number;
  maxHeightMm?: number;
};

export type ScannerDevice = {
  /** Stable id, prefixed by backend: `sane:test:0`, `wia:{...}`, `escl:http://host/eSCL`, `demo:vi`. */
  id: string;
  name: string;
  backend: ScannerBackend;
  vendor?: string;
  model?: string;
  sources: ScanSource[];
  capabilities: ScannerCapabilities;
};

export type ScanSettings = {
  source: ScanSource;
  mode: ColorMode;
  dpi: number;
  pageSize: PageSize;
};

export const scanSources: readonly ScanSource[] = ['flatbed', 'adf', 'adf-duplex'];
export const colorModes: readonly ColorMode[] = ['color', 'gray', 'lineart'];

const backends: readonly ScannerBackend[] = ['sane', 'wia', 'escl', 'demo'];

/**
 * Splits a device id into backend and backend-local name. A bare SANE name (`test:0`,
 * `epson2:libusb:001:004`) is accepted too, so IT staff can paste what `scanimage -L` prints.
 */
export function parseDeviceId(id: string): { backend: ScannerBackend; name: string } {
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  if ((backends as readonly string[]).includes(prefix)) return { backend: prefix as ScannerBackend, name: id.slice(colon + 1) };
  return { backend: 'sane', name: id };
}

export function deviceId(backend: ScannerBackend, name: string): string {
  return `${backend}:${name}`;
}
