import type { z } from 'zod';
import type { ScanBatch, scanCommands } from '../../src-shared/contract/scan-commands.js';
import type { EventPayload } from '../../src-shared/contract/events.js';
import { AppError, type Problem } from '../../src-shared/contract/errors.js';
import { presetSettings } from '../../src-shared/scan/presets.js';
import { ScanError, isScanErrorCode, scanErrorMessages } from '../../src-shared/scan/scan-errors.js';
import { problemText } from '../../src-shared/i18n/problems/index.js';
import type { ScanSettings, ScannerDevice } from '../../src-shared/scan/scanner-device.js';
import { parseDeviceId } from '../../src-shared/scan/scanner-device.js';
import { diskFullProblem, isDiskFullError } from '../kernel/disk-space.js';
import type { Logger } from '../kernel/logger.js';
import type { Db } from '../db/open.js';
import type { PageIngest } from '../pages/page-ingest.js';
import { addStoredEsclUrl, readStoredEsclUrls } from './escl-urls.js';
import type { ScanJob, ScannerService } from './scanner-service.js';

export type ScanBatchesDeps = {
  db: Db;
  logger: Logger;
  pages: PageIngest;
  scanner: ScannerService;
  /** Where progress goes (the composition root wires it to the 'scan.progress' event). */
  onProgress: (p: EventPayload<'scan.progress'>) => void;
};

type Running = ScanBatch & { job: ScanJob | null; cancelRequested: boolean };

/** The clerk's message for any error that ends a batch: a scanner code when there is one. */
export function scanProblem(error: unknown): ScanProblem {
  if (isDiskFullError(error)) return { code: 'DISK_FULL', message: problemText('vi', 'disk.fullNow'), problem: diskFullProblem(null) };
  const code = error instanceof ScanError ? error.code : (error as { code?: unknown })?.code;
  if (isScanErrorCode(code)) return { code, message: scanErrorMessages.vi[code], problem: { key: `scan.${code}` } };
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.problem ? { problem: error.problem } : {}) };
  return { code: 'IO_ERROR', message: scanErrorMessages.vi.IO_ERROR, problem: { key: 'scan.IO_ERROR' } };
}

type ScanProblem = { code: string; message: string; problem?: Problem };

export type StartScan = z.output<(typeof scanCommands)['scan.start']['input']>;

/**
 * Scan batches of the desk. A batch runs in the background: each page the scanner service yields is
 * stored at once through the page ingest's addScannedPage (its own transaction), so whatever ends
 * the batch — cancel, jam, unplugged scanner, a crashed host — every page received is kept.
 */
export function createScanBatches({ db, logger, pages, scanner, onProgress }: ScanBatchesDeps) {
  const running = new Map<string, Running>();
  let lastDevices: ScannerDevice[] = [];

  const report = (r: Running, pageId: string | null) => {
    const { job: _job, cancelRequested: _c, ...batch } = r;
    onProgress({ ...batch, pageId });
  };

  /** The device's sources, for a preset: from the last listing, else a fresh one. */
  const findDevice = async (id: string): Promise<ScannerDevice> => {
    let device = lastDevices.find((d) => d.id === id);
    if (!device) {
      lastDevices = await scanner.listDevices();
      device = lastDevices.find((d) => d.id === id);
    }
    if (!device) throw new AppError('NOT_FOUND', 'scan.NOT_FOUND');
    return device;
  };

  const run = async (r: Running, settings: ScanSettings, userId: string | null) => {
    try {
      const job = scanner.scan(r.deviceId, settings);
      r.job = job;
      if (r.cancelRequested) job.cancel();
      for await (const frame of job) {
        const row = await pages.addScannedPage(r.batchId, frame, userId);
        r.pages++;
        report(r, row.id);
        // A cancel sent before the host had opened the device is lost there: repeat it.
        if (r.cancelRequested) job.cancel();
      }
      r.state = r.cancelRequested ? 'cancelled' : 'done';
    } catch (error) {
      const problem = scanProblem(error);
      // A cancel that the driver reports as an error is still a cancel.
      if (r.cancelRequested && (problem.code === 'CANCELLED' || problem.code === 'NO_DOCS')) r.state = 'cancelled';
      else {
        r.state = 'failed';
        r.error = problem;
        // Storing a page failed: stop the scanner rather than read sheets nobody keeps.
        if (!(error instanceof ScanError)) r.job?.cancel();
        logger.warn('scan batch ended with an error; received pages kept', { batchId: r.batchId, pages: r.pages, error: String((error as Error)?.message ?? error) });
      }
    }
    try {
      pages.endBatch(r.batchId, r.state, r.error?.message);
    } catch (error) {
      // The core may be closing (database gone); the start-up check marks the batch interrupted.
      logger.warn('could not close scan batch', { batchId: r.batchId, error: String(error) });
    }
    running.delete(r.batchId);
    report(r, null);
  };

  return {
    async devices() {
      // eSCL scanners the desk was given by URL: registered again after a restart.
      for (const url of readStoredEsclUrls(db)) {
        if (scanner.esclClient(`escl:${url}`)) continue;
        await scanner.addEsclScanner(url).catch(() => undefined);
      }
      const listing = await scanner.listDevicesDetailed();
      lastDevices = listing.devices;
      const known = new Set(listing.devices.map((d) => d.id));
      const errors = listing.errors.map((e) => ({ backend: e.backend, ...scanProblem(e.error) }));
      for (const url of readStoredEsclUrls(db)) {
        if (!known.has(`escl:${url}`) && !errors.some((e) => e.backend.includes(url))) {
          errors.push({ backend: `escl ${url}`, ...scanProblem(new ScanError('NOT_FOUND')) });
        }
      }
      return { devices: listing.devices, errors };
    },

    /** The scanners known without probing: those of the last listing, and the demo scanner. */
    knownDevices() {
      const known = [...lastDevices];
      for (const d of scanner.offlineDevices()) if (!known.some((k) => k.id === d.id)) known.push(d);
      return { devices: known, errors: [] };
    },

    async addEscl(url: string): Promise<ScannerDevice> {
      let device: ScannerDevice;
      try {
        device = await scanner.addEsclScanner(url);
      } catch (error) {
        throw new AppError('NOT_FOUND', scanProblem(error).problem ?? 'scan.NOT_FOUND');
      }
      addStoredEsclUrl(db, parseDeviceId(device.id).name);
      lastDevices = [...lastDevices.filter((d) => d.id !== device.id), device];
      return device;
    },

    async start(input: StartScan, userId: string | null): Promise<{ batchId: string }> {
      for (const r of running.values()) {
        if (r.deviceId === input.deviceId) throw new AppError('CONFLICT', 'scan.DEVICE_BUSY');
      }
      const settings: ScanSettings = input.settings ?? presetSettings(input.preset!, await findDevice(input.deviceId));
      const batchId = pages.startBatch({
        dossierId: input.dossierId,
        source: 'scan',
        componentPosition: input.componentPosition,
        insertAt: input.insertAt,
        details: { deviceId: input.deviceId, preset: input.preset ?? null, settings },
        userId,
      });
      const r: Running = { batchId, dossierId: input.dossierId, deviceId: input.deviceId, pages: 0, state: 'scanning', job: null, cancelRequested: false };
      running.set(batchId, r);
      report(r, null);
      void run(r, settings, userId);
      return { batchId };
    },

    cancel(batchId: string): void {
      const r = running.get(batchId);
      if (!r) {
        if (!pages.getBatch(batchId)) throw new AppError('NOT_FOUND', 'scan.batchNotFound');
        return; // Already finished: nothing left to stop.
      }
      r.cancelRequested = true;
      r.job?.cancel();
    },

    active: (dossierId: string): ScanBatch[] =>
      [...running.values()].filter((r) => r.dossierId === dossierId).map(({ job: _j, cancelRequested: _c, ...batch }) => batch),
  };
}

export type ScanBatches = ReturnType<typeof createScanBatches>;
