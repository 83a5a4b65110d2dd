import { pagePosition, type PageFrame } from '../../../src-shared/scan/page-frame.js';
import { ScanError, type ScanErrorCode } from '../../../src-shared/scan/scan-errors.js';
import { deviceId, pageSizes, type ScanSettings, type ScannerDevice } from '../../../src-shared/scan/scanner-device.js';
import { jpegInfo, pngInfo } from '../image-info.js';
import { parseCapabilities, parseStatus, type EsclCapabilities, type EsclStatus } from './escl-capabilities.js';

/** Per-request timeout: eSCL scanners answer capabilities at once, but NextDocument waits for the page to be scanned. */
const requestTimeoutMs = 15_000;
const documentTimeoutMs = 120_000;
/** eSCL returns 503 while the next page is still being scanned; retry this often, this many times. */
const busyRetryMs = 500;
const busyRetries = 240;

/** Accepts `http://host:port`, `http://host/eSCL` or `http://host/eSCL/`; returns the base ending in `/`. */
export function esclBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ScanError('INVALID', `eSCL URL ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ScanError('INVALID', `eSCL URL ${url}`);
  let path = parsed.pathname.replace(/\/+$/, '');
  if (!/\/eSCL$/i.test(path)) path += '/eSCL';
  parsed.pathname = `${path}/`;
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

/** Scanner states from ScannerStatus/AdfState (eSCL spec, table 12) that explain a stop. */
function adfStateCode(adfState: string | null): ScanErrorCode | null {
  if (!adfState) return null;
  if (/Jam|Mispick/i.test(adfState)) return 'JAMMED';
  if (/HatchOpen|CoverOpen/i.test(adfState)) return 'COVER_OPEN';
  if (/Empty/i.test(adfState)) return 'NO_DOCS';
  return null;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class EsclClient {
  readonly base: string;

  constructor(url: string) {
    this.base = esclBaseUrl(url);
  }

  get id(): string {
    return deviceId('escl', this.base);
  }

  private async fetch(path: string, init: RequestInit = {}, timeoutMs = requestTimeoutMs): Promise<Response> {
    const url = new URL(path, this.base);
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      return await fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'AbortError' && init.signal?.aborted) throw new ScanError('CANCELLED');
      throw new ScanError('IO_ERROR', `${url}: ${(error as Error).message}`);
    }
  }

  async capabilities(): Promise<EsclCapabilities> {
    const res = await this.fetch('ScannerCapabilities');
    if (!res.ok) throw new ScanError(res.status === 404 ? 'NOT_FOUND' : 'IO_ERROR', `ScannerCapabilities: HTTP ${res.status}`);
    return parseCapabilities(await res.text());
  }

  async status(): Promise<EsclStatus> {
    const res = await this.fetch('ScannerStatus');
    if (!res.ok) throw new ScanError('IO_ERROR', `ScannerStatus: HTTP ${res.status}`);
    return parseStatus(await res.text());
  }

  async device(): Promise<ScannerDevice> {
    const caps = await this.capabilities();
    return { id: this.id, name: caps.makeAndModel, backend: 'escl', model: caps.makeAndModel, sources: caps.sources, capabilities: caps.capabilities };
  }

  /** The ScanSettings document (eSCL spec, section 9). Regions are in 1/300 inch. */
  settingsXml(settings: ScanSettings, caps: EsclCapabilities): string {
    const mode = caps.colorModes[settings.mode];
    if (!mode) throw new ScanError('UNSUPPORTED', `mode ${settings.mode}`);
    if (!caps.sources.includes(settings.source)) throw new ScanError('UNSUPPORTED', `source ${settings.source}`);
    const size = settings.pageSize === 'max' ? null : pageSizes[settings.pageSize];
    const maxW = caps.capabilities.maxWidthMm ?? 216;
    const maxH = caps.capabilities.maxHeightMm ?? 356;
    const toUnits = (mm: number) => Math.round((mm / 25.4) * 300);
    const width = toUnits(Math.min(maxW, size?.widthMm ?? maxW));
    const height = toUnits(Math.min(maxH, size?.heightMm ?? maxH));
    const format = caps.formats.includes('image/png') && settings.mode === 'lineart' ? 'image/png' : 'image/jpeg';
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">',
      `<pwg:Version>${escapeXml(caps.version || '2.0')}</pwg:Version>`,
      '<scan:Intent>Document</scan:Intent>',
      '<pwg:ScanRegions pwg:MustHonor="false"><pwg:ScanRegion>',
      `<pwg:Height>${height}</pwg:Height><pwg:Width>${width}</pwg:Width><pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset>`,
      '<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
      '</pwg:ScanRegion></pwg:ScanRegions>',
      `<pwg:InputSource>${settings.source === 'flatbed' ? 'Platen' : 'Feeder'}</pwg:InputSource>`,
      settings.source === 'adf-duplex' ? '<scan:Duplex>true</scan:Duplex>' : '',
      `<scan:ColorMode>${escapeXml(mode)}</scan:ColorMode>`,
      `<scan:XResolution>${settings.dpi}</scan:XResolution><scan:YResolution>${settings.dpi}</scan:YResolution>`,
      `<pwg:DocumentFormat>${format}</pwg:DocumentFormat><scan:DocumentFormatExt>${format}</scan:DocumentFormatExt>`,
      '</scan:ScanSettings>',
    ].join('');
  }

  /** POST ScanJobs; returns the job URL from Location. */
  async createJob(settings: ScanSettings, caps: EsclCapabilities): Promise<string> {
    const res = await this.fetch('ScanJobs', { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: this.settingsXml(settings, caps) });
    if (res.status === 503 || res.status === 409) throw new ScanError('DEVICE_BUSY', `ScanJobs: HTTP ${res.status}`);
    if (res.status !== 201) throw new ScanError('IO_ERROR', `ScanJobs: HTTP ${res.status}`);
    const location = res.headers.get('location');
    if (!location) throw new ScanError('IO_ERROR', 'ScanJobs: no Location header');
    return new URL(location, this.base).toString().replace(/\/+$/, '');
  }

  async cancelJob(job: string): Promise<void> {
    await this.fetch(job, { method: 'DELETE' }).catch(() => undefined);
  }

  /**
   * One job: NextDocument until 404 (the feeder is empty, or the one flatbed page is done).
   * Pages are yielded as they arrive. A 404 before the first page is explained by ScannerStatus
   * (empty feeder, jam, open cover).
   */
  async *scan(settings: ScanSettings, signal?: AbortSignal): AsyncGenerator<PageFrame> {
    const caps = await this.capabilities();
    const job = await this.createJob(settings, caps);
    const duplex = settings.source === 'adf-duplex';
    let index = 0;
    let finished = false;
    try {
      for (;;) {
        if (signal?.aborted) return;
        const res = await this.nextDocument(job, signal);
        if (res.status === 404) {
          finished = true;
          if (index === 0) {
            const status = await this.status().catch(() => null);
            const code = adfStateCode(status?.adfState ?? null) ?? (settings.source === 'flatbed' ? 'IO_ERROR' : 'NO_DOCS');
            throw new ScanError(code, 'eSCL job ended without a page');
          }
          return;
        }
        if (!res.ok) {
          const status = await this.status().catch(() => null);
          throw new ScanError(adfStateCode(status?.adfState ?? null) ?? 'IO_ERROR', `NextDocument: HTTP ${res.status}`);
        }
        const data = new Uint8Array(await res.arrayBuffer());
        const type = res.headers.get('content-type') ?? '';
        const isPng = type.includes('png') || data[0] === 0x89;
        const info = isPng ? pngInfo(data) : jpegInfo(data);
        yield { index, ...pagePosition(index, duplex), width: info.width, height: info.height, channels: info.channels, depth: 8, dpi: info.dpi ?? settings.dpi, format: isPng ? 'png' : 'jpeg', data };
        index += 1;
      }
    } finally {
      // Cancelled, failed, or the consumer stopped early: tell the scanner to drop the job.
      if (!finished) await this.cancelJob(job);
    }
  }

  private async nextDocument(job: string, signal?: AbortSignal): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.fetch(`${job}/NextDocument`, signal ? { signal } : {}, documentTimeoutMs);
      if (res.status !== 503 || attempt >= busyRetries) return res;
      await res.arrayBuffer().catch(() => undefined);
      await new Promise((r) => setTimeout(r, busyRetryMs));
    }
  }
}
