import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A loopback eSCL scanner for tests (127.0.0.1 only, no outside network). It serves
 * ScannerCapabilities, ScannerStatus and ScanJobs with a NextDocument loop like a real
 * AirScan device: the first NextDocument of a job answers 503 ("still scanning"), then one
 * generated JPEG/PNG page per sheet in the feeder, then 404.
 */
export type EsclTestServer = {
  url: string;
  /** Sheets waiting in the feeder; each ADF page takes one (duplex: two pages per sheet). */
  sheets: number;
  jobs: Map<string, { source: string; colorMode: string; dpi: number; format: string; duplex: boolean; served: number; deleted: boolean }>;
  close(): Promise<void>;
};

const capabilities = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Máy quét mạng thử eSCL</pwg:MakeAndModel>
  <scan:Platen><scan:PlatenInputCaps>
    <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>3508</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>image/png</pwg:DocumentFormat></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:DiscreteResolutions>
        <scan:DiscreteResolution><scan:XResolution>100</scan:XResolution><scan:YResolution>100</scan:YResolution></scan:DiscreteResolution>
        <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
        <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
      </scan:DiscreteResolutions></scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles>
  </scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>
      <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>BlackAndWhite1</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>image/png</pwg:DocumentFormat></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>100</scan:XResolution><scan:YResolution>100</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:AdfSimplexInputCaps>
    <scan:AdfDuplexInputCaps>
      <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:AdfDuplexInputCaps>
  </scan:Adf>
</scan:ScannerCapabilities>`;

function tag(xml: string, name: string): string {
  return new RegExp(`<(?:\\w+:)?${name}>([^<]*)</`).exec(xml)?.[1] ?? '';
}

/** A small page image: 1/10 of the requested resolution keeps tests fast; its size is what the client must report. */
async function pageImage(n: number, dpi: number, colorMode: string, format: string): Promise<Buffer> {
  const width = Math.round((8.27 * dpi) / 10);
  const height = Math.round((11.69 * dpi) / 10);
  const channels = colorMode === 'RGB24' ? 3 : 1;
  const img = sharp({ create: { width, height, channels: 3, background: n % 2 ? '#ffffff' : '#f4e8d0' } }).composite([
    { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="10" y="10" width="${10 + n * 5}" height="20" fill="#c00"/></svg>`) },
  ]);
  const out = channels === 1 ? img.toColourspace('b-w') : img;
  return format === 'image/png' ? out.png().toBuffer() : out.jpeg({ quality: 80 }).toBuffer();
}

export async function startEsclServer(sheets: number): Promise<EsclTestServer> {
  const state: Omit<EsclTestServer, 'url' | 'close'> = { sheets, jobs: new Map() };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '';
      const body = await new Promise<string>((resolve) => {
        let data = '';
        req.on('data', (c: Buffer) => (data += c.toString()));
        req.on('end', () => resolve(data));
      });
      if (req.method === 'GET' && url === '/eSCL/ScannerCapabilities') {
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end(capabilities);
        return;
      }
      if (req.method === 'GET' && url === '/eSCL/ScannerStatus') {
        const adf = state.sheets > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end(
          `<?xml version="1.0"?><scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"><pwg:Version>2.63</pwg:Version><pwg:State>Idle</pwg:State><scan:AdfState>${adf}</scan:AdfState></scan:ScannerStatus>`,
        );
        return;
      }
      if (req.method === 'POST' && url === '/eSCL/ScanJobs') {
        const id = randomUUID();
        state.jobs.set(id, {
          source: tag(body, 'InputSource'),
          colorMode: tag(body, 'ColorMode'),
          dpi: Number(tag(body, 'XResolution')),
          format: tag(body, 'DocumentFormat') || 'image/jpeg',
          duplex: tag(body, 'Duplex') === 'true',
          served: -1,
          deleted: false,
        });
        res.writeHead(201, { Location: `/eSCL/ScanJobs/${id}` }).end();
        return;
      }
      const m = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?$/.exec(url);
      const job = m ? state.jobs.get(m[1]!) : undefined;
      if (job && req.method === 'DELETE' && !m![2]) {
        job.deleted = true;
        res.writeHead(200).end();
        return;
      }
      if (job && req.method === 'GET' && m![2]) {
        if (job.deleted) return void res.writeHead(404).end();
        if (job.served === -1) {
          job.served = 0;
          return void res.writeHead(503, { 'Retry-After': '0' }).end();
        }
        const platen = job.source === 'Platen';
        const more = platen ? job.served === 0 : job.duplex ? job.served % 2 === 1 || state.sheets > 0 : state.sheets > 0;
        if (!more) return void res.writeHead(404).end();
        if (!platen && (!job.duplex || job.served % 2 === 0)) state.sheets -= 1;
        job.served += 1;
        const image = await pageImage(job.served, job.dpi, job.colorMode, job.format);
        res.writeHead(200, { 'Content-Type': job.format }).end(image);
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/eSCL`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as EsclTestServer;
}
