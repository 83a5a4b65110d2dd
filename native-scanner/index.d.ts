// Types of the tiepnhan_scanner addon. Errors thrown or rejected carry `code`, one of
// ScanErrorCode in src-shared/scan/scan-errors.ts (NO_DOCS, JAMMED, COVER_OPEN, ...).

export type SaneDeviceInfo = { name: string; vendor: string; model: string; type: string };

export type SaneOption = {
  name: string;
  title: string;
  type: 'bool' | 'int' | 'fixed' | 'string' | 'button';
  unit: 'none' | 'pixel' | 'bit' | 'mm' | 'dpi' | 'percent' | 'microsecond';
  active: boolean;
  settable: boolean;
  value: boolean | number | string | null;
  range?: { min: number; max: number; quant: number };
  list?: Array<number | string>;
};

/** One page, every frame read, rows tightly packed (see src-shared/scan/page-frame.ts). */
export type RawPage = { width: number; height: number; channels: 1 | 3; depth: 1 | 8; data: Buffer };

export interface SaneDevice {
  options(): SaneOption[];
  setOption(name: string, value: boolean | number | string): { value: boolean | number | string | null; reload: boolean };
  /** sane_start + reads on a worker thread; rejects with code NO_DOCS when the feeder is empty. */
  readPage(): Promise<RawPage>;
  /** sane_cancel: ends a batch, or aborts the page being read (which then rejects with CANCELLED). */
  cancel(): void;
  close(): void;
}

export type SaneAddon = {
  backend: 'sane';
  init(): { version: string };
  exit(): void;
  listDevices(localOnly?: boolean): Promise<SaneDeviceInfo[]>;
  open(name: string): Promise<SaneDevice>;
};

export type WiaDeviceInfo = { id: string; name: string; vendor: string; hasFeeder: boolean; hasFlatbed: boolean; hasDuplex: boolean };

export type WiaScanOptions = { source: 'flatbed' | 'adf' | 'adf-duplex'; mode: 'color' | 'gray' | 'lineart'; dpi: number };

export type WiaAddon = {
  backend: 'wia';
  init(): { version: string };
  exit(): void;
  listDevices(): Promise<WiaDeviceInfo[]>;
  /** Streams pages to onPage as each one ends; resolves with the page count. */
  scan(deviceId: string, options: WiaScanOptions, onPage: (page: RawPage) => void): Promise<number>;
  /** Asks the running transfer to stop after the current page. */
  cancel(): void;
};

export type ScannerAddon = SaneAddon | WiaAddon;

/** Loads the addon from `dir` (default: this folder, or TIEPNHAN_SCANNER_ADDON_DIR); throws code ADDON_MISSING. */
export function loadScannerAddon(dir?: string): ScannerAddon;
