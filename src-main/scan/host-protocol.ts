import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import type { ScanErrorCode } from '../../src-shared/scan/scan-errors.js';
import type { ScanSettings, ScannerDevice } from '../../src-shared/scan/scanner-device.js';

/**
 * Messages over the fork IPC channel between main (ScannerService) and the scanner host.
 *
 * Page bytes do NOT travel in these messages: the host writes each page to a file in a temp
 * folder that main chose, then sends its path. A colour A4 page at 200 dpi is 1654 × 2339 × 3
 * ≈ 11.6 MB raw; over the default JSON channel a Buffer becomes an array of numbers (~4× larger
 * and slow to parse), and even with 'advanced' serialisation a batch of 10 such pages would
 * queue ~116 MB behind the heartbeats, so a busy channel would look like a hung host. With files
 * the channel only carries small messages, the host frees each page as soon as it is written,
 * and a page announced before a crash is still complete on disk (written, then renamed).
 */
export type HostRequest =
  | { type: 'list'; id: string }
  | { type: 'scan'; id: string; device: string; settings: ScanSettings; tempDir: string }
  | { type: 'cancel'; id: string };

export type WireError = { code: ScanErrorCode; message: string };

export type PageMeta = Omit<PageFrame, 'data'>;

export type HostMessage =
  | { type: 'ready'; backend: 'sane' | 'wia' | null; version?: string; error?: WireError }
  | { type: 'heartbeat' }
  | { type: 'devices'; id: string; devices: ScannerDevice[] }
  | { type: 'page'; id: string; page: PageMeta; path: string }
  | { type: 'done'; id: string; pages: number; cancelled: boolean }
  | { type: 'error'; id: string; error: WireError };

/** How often the host says it is alive; main declares it hung after several missed beats. */
export const heartbeatIntervalMs = 1000;
