/**
 * The scanner host: a separate process (child_process.fork now, Electron utilityProcess later)
 * and the only code that loads the native addon (DESIGN.md habit 1), so a driver that crashes
 * takes down this process and not the app. It answers list/scan/cancel from main over the IPC
 * channel and streams each page as soon as it is read (see host-protocol.ts for why pages go
 * through files).
 */
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ScannerAddon, SaneAddon, WiaAddon, RawPage } from '../../native-scanner/index.js';
import { pagePosition } from '../../src-shared/scan/page-frame.js';
import { isScanErrorCode, ScanError } from '../../src-shared/scan/scan-errors.js';
import { deviceId, type ScanSettings, type ScannerDevice } from '../../src-shared/scan/scanner-device.js';
import { appRoot } from '../kernel/paths.js';
import { heartbeatIntervalMs, type HostMessage, type HostRequest, type PageMeta, type WireError } from './host-protocol.js';
import { applySaneSettings, capabilitiesOf, sourcesOf } from './sane-settings.js';

function send(message: HostMessage): void {
  process.send?.(message);
}

function toWire(error: unknown): WireError {
  if (error instanceof ScanError) return { code: error.code, message: error.detail ?? '' };
  const e = error as { code?: unknown; message?: unknown };
  return { code: isScanErrorCode(e?.code) ? e.code : 'IO_ERROR', message: String(e?.message ?? error) };
}

function loadAddon(): ScannerAddon {
  const require = createRequire(import.meta.url);
  const loader = require(join(appRoot(), 'native-scanner', 'index.js')) as { loadScannerAddon(dir?: string): ScannerAddon };
  return loader.loadScannerAddon(process.env.TIEPNHAN_SCANNER_ADDON_DIR || join(appRoot(), 'native-scanner'));
}

let addon: ScannerAddon | null = null;
try {
  addon = loadAddon();
  const { version } = addon.init();
  send({ type: 'ready', backend: addon.backend, version });
} catch (error) {
  // No addon: stay up and answer with the error, so main shows it and still lists eSCL/demo scanners.
  send({ type: 'ready', backend: null, error: { code: 'ADDON_MISSING', message: String((error as Error).message) } });
}

setInterval(() => send({ type: 'heartbeat' }), heartbeatIntervalMs);

/** Scans in progress, by request id; cancel() asks the driver to stop. */
const running = new Map<string, { cancelled: boolean; cancel(): void }>();

async function listSane(sane: SaneAddon): Promise<ScannerDevice[]> {
  const found = await sane.listDevices(false);
  const out: ScannerDevice[] = [];
  for (const d of found) {
    const device: ScannerDevice = {
      id: deviceId('sane', d.name),
      name: `${[d.vendor, d.model].filter((s) => s && s !== 'Noname').join(' ') || 'SANE'} (${d.name})`,
      backend: 'sane',
      vendor: d.vendor,
      model: d.model,
      sources: ['flatbed'],
      capabilities: { resolutions: [], modes: [] },
    };
    // Sources and resolutions need an open handle; a busy device is still listed, with defaults.
    try {
      const handle = await sane.open(d.name);
      try {
        const options = handle.options();
        device.sources = sourcesOf(options);
        device.capabilities = capabilitiesOf(options);
      } finally {
        handle.close();
      }
    } catch {
      /* listed without details */
    }
    out.push(device);
  }
  return out;
}

async function listWia(wia: WiaAddon): Promise<ScannerDevice[]> {
  return (await wia.listDevices()).map((d) => ({
    id: deviceId('wia', d.id),
    name: d.name,
    backend: 'wia' as const,
    vendor: d.vendor,
    sources: [
      ...(d.hasFlatbed ? (['flatbed'] as const) : []),
      ...(d.hasFeeder ? (['adf'] as const) : []),
      ...(d.hasDuplex ? (['adf-duplex'] as const) : []),
    ],
    capabilities: { resolutions: [100, 150, 200, 300, 600], modes: ['color', 'gray', 'lineart'] },
  }));
}

/** Writes one page (temp name, then rename: a path main receives is always a complete file) and announces it. */
async function emitPage(id: string, tempDir: string, meta: PageMeta, data: Uint8Array): Promise<void> {
  const path = join(tempDir, `${id}-${String(meta.index).padStart(4, '0')}.${meta.format}`);
  const partial = `${path}.${randomUUID()}.part`;
  await writeFile(partial, data);
  await rename(partial, path);
  send({ type: 'page', id, page: meta, path });
}

function meta(index: number, duplex: boolean, raw: RawPage, dpi: number): PageMeta {
  return { index, ...pagePosition(index, duplex), width: raw.width, height: raw.height, channels: raw.channels, depth: raw.depth, dpi, format: 'raw' };
}

async function scanSane(sane: SaneAddon, id: string, name: string, settings: ScanSettings, tempDir: string): Promise<void> {
  const handle = await sane.open(name);
  const state = { cancelled: false, cancel: () => handle.cancel() };
  running.set(id, state);
  let index = 0;
  try {
    const { dpi, duplex } = applySaneSettings(handle, settings);
    for (;;) {
      if (state.cancelled) break;
      let raw: RawPage;
      try {
        raw = await handle.readPage();
      } catch (error) {
        const code = (error as { code?: string }).code;
        // An empty feeder after at least one page is the normal end of a batch.
        if (code === 'NO_DOCS' && index > 0) break;
        // After a cancel, whatever the driver says about the aborted page (CANCELLED, or IO_ERROR
        // from backends that tear down their reader) just ends the batch.
        if (state.cancelled) break;
        throw error;
      }
      await emitPage(id, tempDir, meta(index, duplex, raw, dpi), raw.data);
      index += 1;
      if (settings.source === 'flatbed') break;
    }
    send({ type: 'done', id, pages: index, cancelled: state.cancelled });
  } finally {
    running.delete(id);
    handle.cancel();
    handle.close();
  }
}

async function scanWia(wia: WiaAddon, id: string, name: string, settings: ScanSettings, tempDir: string): Promise<void> {
  const state = { cancelled: false, cancel: () => wia.cancel() };
  running.set(id, state);
  const duplex = settings.source === 'adf-duplex';
  let index = 0;
  let writing = Promise.resolve();
  try {
    await wia.scan(name, { source: settings.source, mode: settings.mode, dpi: settings.dpi }, (raw) => {
      const m = meta(index++, duplex, raw, settings.dpi);
      writing = writing.then(() => emitPage(id, tempDir, m, raw.data));
    });
    await writing;
    send({ type: 'done', id, pages: index, cancelled: state.cancelled });
  } finally {
    running.delete(id);
  }
}

async function handle(request: HostRequest): Promise<void> {
  if (request.type === 'cancel') {
    const job = running.get(request.id);
    if (job) {
      job.cancelled = true;
      job.cancel();
    }
    return;
  }
  try {
    if (!addon) throw Object.assign(new Error('native-scanner'), { code: 'ADDON_MISSING' });
    if (request.type === 'list') {
      const devices = addon.backend === 'sane' ? await listSane(addon) : await listWia(addon);
      send({ type: 'devices', id: request.id, devices });
    } else if (addon.backend === 'sane') {
      await scanSane(addon, request.id, request.device, request.settings, request.tempDir);
    } else {
      await scanWia(addon, request.id, request.device, request.settings, request.tempDir);
    }
  } catch (error) {
    send({ type: 'error', id: request.id, error: toWire(error) });
  }
}

process.on('message', (request: HostRequest) => void handle(request));
// Main went away: nothing left to serve.
process.on('disconnect', () => process.exit(0));
