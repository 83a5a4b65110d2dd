import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id, ProblemShape } from './schemas.js';

/**
 * The scanning commands of the contract (issue 3), spread into `commands` in commands.ts.
 * A scan runs in the background in main: scan.start answers at once with the batch id, pages
 * go into the dossier one by one (pages.list shows them), and `scan.progress` reports each page
 * and the end of the batch. Scanner failures end the batch with a Vietnamese message and keep
 * every page already received.
 */

export const ScanSource = z.enum(['flatbed', 'adf', 'adf-duplex']);
export const ColourMode = z.enum(['color', 'gray', 'lineart']);
export const ScanPresetId = z.enum(['default', 'dpi300', 'gray', 'bw', 'id-card']);

export const ScanSettingsInput = z
  .object({
    source: ScanSource,
    mode: ColourMode,
    // 50 dpi is below any useful archive; 1200 dpi is the top of ordinary desk scanners.
    dpi: z.number().int().min(50).max(1200),
    pageSize: z.enum(['a4', 'a5', 'letter', 'legal', 'id-card', 'max']),
  })
  .strict();

export const ScanDevice = z.object({
  id: z.string(),
  name: z.string(),
  backend: z.enum(['sane', 'wia', 'escl', 'demo']),
  vendor: z.string().optional(),
  model: z.string().optional(),
  sources: z.array(ScanSource),
  capabilities: z.object({
    resolutions: z.array(z.number().int()),
    modes: z.array(ColourMode),
    maxWidthMm: z.number().optional(),
    maxHeightMm: z.number().optional(),
  }),
});
export type ScanDevice = z.infer<typeof ScanDevice>;

/**
 * A scanner problem as the clerk sees it: a stable code (scan-errors.ts), the problem to show in
 * the reader's language, and its Vietnamese text for logs.
 */
export const ScanProblem = z.object({ code: z.string(), message: z.string(), problem: ProblemShape.optional() });

export const ScanState = z.enum(['scanning', 'done', 'cancelled', 'failed']);

export const ScanBatch = z.object({
  batchId: Id,
  dossierId: Id,
  deviceId: z.string(),
  /** Pages stored so far in this batch. */
  pages: z.number().int(),
  state: ScanState,
  error: ScanProblem.optional(),
});
export type ScanBatch = z.infer<typeof ScanBatch>;

export const scanCommands = {
  /**
   * Every reachable scanner (SANE, WIA, eSCL added by URL, the demo scanner); a backend that fails
   * is listed in `errors`. `probe: false` answers at once with what needs no probe (the demo
   * scanner, the scanners found last time): a SANE probe can take many seconds, and the clerk's
   * first list should not wait for it.
   */
  'scan.devices': define(
    anyone,
    z.object({ probe: z.boolean().default(true) }).strict(),
    z.object({ devices: z.array(ScanDevice), errors: z.array(ScanProblem.extend({ backend: z.string() })) }),
  ),
  /** Adds a network (eSCL / AirScan) scanner by URL after checking it answers; kept in the desk's settings. */
  'scan.addEscl': define(
    anyone,
    z.object({ url: z.url({ protocol: /^https?$/ }).max(500) }).strict(),
    ScanDevice,
  ),
  /**
   * Starts a scan into a dossier and answers at once. Give a preset (resolved for the device:
   * ADF duplex when it has one) or explicit settings.
   */
  'scan.start': define(
    anyone,
    z
      .object({
        dossierId: Id,
        deviceId: z.string().min(1).max(500),
        preset: ScanPresetId.optional(),
        settings: ScanSettingsInput.optional(),
        componentPosition: z.number().int().min(0).max(1000).nullable().default(null),
        /** Position the first scanned page takes (rescan / insert in the middle); null = append. */
        insertAt: z.number().int().min(1).max(100_000).nullable().default(null),
      })
      .strict()
      .refine((v) => v.preset !== undefined || v.settings !== undefined, { message: 'required', path: ['preset'] }),
    z.object({ batchId: Id }),
  ),
  /** Stops a running scan; the pages already received stay in the dossier. */
  'scan.cancel': define(anyone, z.object({ batchId: Id }).strict(), z.object({ done: z.literal(true) })),
  /** Scans still running for a dossier (a reopened page picks up their progress). */
  'scan.active': define(anyone, z.object({ dossierId: Id }).strict(), z.array(ScanBatch)),
} as const;

/** Spread into events.ts: one event per stored page and one when the batch ends. */
export const scanEvents = {
  'scan.progress': ScanBatch.extend({ pageId: Id.nullable() }),
} as const;
