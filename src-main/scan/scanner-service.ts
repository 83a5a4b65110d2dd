import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageFrame } from '../../src-shared/scan/page-frame.js';
import { ScanError, type ScanErrorCode } from '../../src-shared/scan/scan-errors.js';
import { parseDeviceId, type ScanSettings, type ScannerDevice } from '../../src-shared/scan/scanner-device.js';
import { appRoot } from '../kernel/paths.js';
import { AsyncQueue } from './async-queue.js';
import { demoDevice, demoScan } from './demo-scanner.js';
import { EsclClient } from './escl/escl-client.js';
import { HostClient, wireToError } from './host-client.js';
import type { HostMessage } from './host-protocol.js';

export type ScannerServiceOptions = {
  /** Environment for the scanner host (e.g. SANE_CONFIG_DIR, TIEPNHAN_SCANNER_ADDON_DIR). */
  hostEnv?: NodeJS.ProcessEnv;
  /** No heartbeat for this long: the host is hung and gets replaced. */
  heartbeatTimeoutMs?: number;
  /** No page for this long during a scan: the driver is hung (a slow scanner warms up in well under a minute). */
  pageTimeoutMs?: number;
  /** eSCL scanners added by URL (kept by the caller, e.g. in settings). */
  esclUrls?: string[];
  /** Folder of sample PNG pages for the demo scanner; `null` hides the demo scanner. */
  demoPagesDir?: string | null;
  /** Where the host drops page files on their way to main. */
  tempDir?: string;
  onHostRestart?: (reason: ScanErrorCode, detail: string) => void;
};

/** A running scan: iterate it to receive pages as they are read; cancel() keeps the pages already read. */
export type ScanJob = AsyncIterable<PageFrame> & { readonly id: string; cancel(): void };

export type DeviceListing = { devices: ScannerDevice[]; errors: Array<{ backend: string; error: ScanError }> };

type PendingPage = { meta: Omit<PageFrame, 'data'>; path: string };

/**
 * Main's door to every scanner: SANE/WIA through the out-of-process host, eSCL over HTTP,
 * and the demo scanner. Built once in the composition root.
 */
export class ScannerService {
  private readonly host: HostClient;
  private readonly escl = new Map<string, EsclClient>();
  private readonly tempDir: string;
  private readonly ownsTempDir: boolean;
  private readonly demoPagesDir: string | null;
  private readonly pageTimeoutMs: number;

  constructor(options: ScannerServiceOptions = {}) {
    this.host = new HostClient({
      ...(options.hostEnv ? { env: options.hostEnv } : {}),
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 10_000,
      ...(options.onHostRestart ? { onRestart: options.onHostRestart } : {}),
    });
    this.ownsTempDir = !options.tempDir;
    this.tempDir = options.tempDir ?? mkdtempSync(join(tmpdir(), 'tiepnhan-scan-'));
    this.demoPagesDir = options.demoPagesDir === undefined ? join(appRoot(), 'assets', 'demo-pages') : options.demoPagesDir;
    this.pageTimeoutMs = options.pageTimeoutMs ?? 120_000;
    for (const url of options.esclUrls ?? []) {
      const client = new EsclClient(url);
      this.escl.set(client.id, client);
    }
  }

  /** The scanner host's process id (for diagnostics and tests). */
  get hostPid(): number | undefined {
    return this.host.pid;
  }

  /** Starts the host ahead of the first scan; resolves with its backend, or the reason it has none. */
  async startHost(): Promise<{ backend: string | null; error?: ScanError }> {
    const ready = await this.host.start();
    return ready.error ? { backend: null, error: wireToError(ready.error) } : { backend: ready.backend };
  }

  /** Adds an eSCL scanner by URL after checking that it answers with its capabilities. */
  async addEsclScanner(url: string): Promise<ScannerDevice> {
    const client = new EsclClient(url);
    const device = await client.device();
    this.escl.set(client.id, client);
    return device;
  }

  esclClient(id: string): EsclClient | undefined {
    return this.escl.get(id);
  }

  /** Devices that answer without a probe: the demo scanner, when shown. */
  offlineDevices(): ScannerDevice[] {
    return this.demoPagesDir ? [demoDevice] : [];
  }

  async listDevices(): Promise<ScannerDevice[]> {
    return (await this.listDevicesDetailed()).devices;
  }

  /** Every reachable device; a backend that fails is reported in `errors` and does not hide the others. */
  async listDevicesDetailed(): Promise<DeviceListing> {
    const errors: DeviceListing['errors'] = [];
    const local = this.listHost().catch((error: unknown) => {
      errors.push({ backend: 'host', error: toScanError(error) });
      return [] as ScannerDevice[];
    });
    const network = Promise.all(
      [...this.escl.values()].map((c) =>
        c.device().catch((error: unknown) => {
          errors.push({ backend: `escl ${c.base}`, error: toScanError(error) });
          return null;
        }),
      ),
    );
    const devices = [...(await local), ...(await network).filter((d): d is ScannerDevice => d !== null)];
    if (this.demoPagesDir) devices.push(demoDevice);
    return { devices, errors };
  }

  private async listHost(): Promise<ScannerDevice[]> {
    const ready = await this.host.start();
    if (ready.error) throw wireToError(ready.error);
    const id = randomUUID();
    return new Promise<ScannerDevice[]>((resolve, reject) => {
      let unsubscribe: () => void = () => undefined;
      this.host
        .request(
          { type: 'list', id },
          {
            onMessage: (m) => {
              if (m.type === 'devices') resolve(m.devices);
              else if (m.type === 'error') reject(wireToError(m.error));
              else return;
              unsubscribe();
            },
            onDeath: reject,
          },
        )
        .then((u) => (unsubscribe = u), reject);
    });
  }

  /** Starts a scan. Pages come out in order; the page count equals sheets fed (×2 in duplex), blank pages included. */
  scan(device: string, settings: ScanSettings): ScanJob {
    const { backend, name } = parseDeviceId(device);
    if (backend === 'demo') return this.scanGenerator((signal) => demoScan(this.demoPagesDir ?? '', settings, signal));
    if (backend === 'escl') {
      const client = this.escl.get(device) ?? new EsclClient(name);
      return this.scanGenerator((signal) => client.scan(settings, signal));
    }
    return this.scanHost(name, settings);
  }

  private scanGenerator(run: (signal: AbortSignal) => AsyncGenerator<PageFrame>): ScanJob {
    const controller = new AbortController();
    const queue = new AsyncQueue<PageFrame>();
    void (async () => {
      try {
        for await (const page of run(controller.signal)) queue.push(page);
        queue.end();
      } catch (error) {
        if (controller.signal.aborted) queue.end();
        else queue.fail(toScanError(error));
      }
    })();
    return { id: randomUUID(), cancel: () => controller.abort(), [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() };
  }

  private scanHost(name: string, settings: ScanSettings): ScanJob {
    const id = randomUUID();
    const pending = new AsyncQueue<PendingPage>();
    let stall: NodeJS.Timeout | null = null;
    const armStall = () => {
      if (stall) clearTimeout(stall);
      stall = setTimeout(() => this.host.kill('HOST_TIMEOUT', `no page for ${this.pageTimeoutMs} ms`), this.pageTimeoutMs);
      stall.unref();
    };
    const finish = (error?: ScanError) => {
      if (stall) clearTimeout(stall);
      unsubscribe();
      if (error) pending.fail(error);
      else pending.end();
    };
    let unsubscribe: () => void = () => undefined;
    const onMessage = (m: HostMessage) => {
      if (m.type === 'page') {
        pending.push({ meta: m.page, path: m.path });
        armStall();
      } else if (m.type === 'done') finish();
      else if (m.type === 'error') finish(wireToError(m.error));
    };
    armStall();
    this.host
      .start()
      .then((ready) => {
        if (ready.error) throw wireToError(ready.error);
        return this.host.request({ type: 'scan', id, device: name, settings, tempDir: this.tempDir }, { onMessage, onDeath: (e) => finish(e) });
      })
      .then(
        (u) => {
          unsubscribe = u;
          if (pending.isFinished) u();
        },
        (error: unknown) => finish(toScanError(error)),
      );

    // Page files are read when the caller takes the page, then deleted: memory holds one page at a time.
    async function* pages(): AsyncGenerator<PageFrame> {
      for await (const p of pending) {
        const data = await readFile(p.path);
        await unlink(p.path).catch(() => undefined);
        yield { ...p.meta, data };
      }
    }
    const iterator = pages();
    return {
      id,
      cancel: () => this.host.post({ type: 'cancel', id }),
      [Symbol.asyncIterator]: () => iterator,
    };
  }

  close(): void {
    this.host.close();
    if (this.ownsTempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}

function toScanError(error: unknown): ScanError {
  if (error instanceof ScanError) return error;
  const code = (error as { code?: unknown })?.code;
  return new ScanError(typeof code === 'string' && code === 'ADDON_MISSING' ? 'ADDON_MISSING' : 'IO_ERROR', String((error as Error)?.message ?? error));
}
