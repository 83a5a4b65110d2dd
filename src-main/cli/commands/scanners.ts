import { scanErrorMessages } from '../../../src-shared/scan/scan-errors.js';
import { ScannerService } from '../../scan/scanner-service.js';
import type { CliCommand, CliValues } from '../cli-command.js';

/** `--escl URL` may be given several times: network scanners to include. */
export function esclUrls(values: CliValues): string[] {
  const v = values.escl;
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((u): u is string => typeof u === 'string');
}

export const scannersCommand: CliCommand = {
  name: 'scanners',
  summary: {
    vi: 'Liệt kê máy quét (SANE/WIA, máy quét mạng eSCL, máy quét thử)',
    en: 'List scanners (SANE/WIA, eSCL network scanners, the demo scanner)',
  },
  usage: '[--json] [--escl URL]...',
  options: { json: { type: 'boolean' }, escl: { type: 'string', multiple: true } },
  async run(values, _positionals, ctx) {
    const service = new ScannerService({ hostEnv: ctx.env, esclUrls: esclUrls(values) });
    try {
      const { devices, errors } = await service.listDevicesDetailed();
      for (const { backend, error } of errors) {
        ctx.err(`${backend}: ${scanErrorMessages.vi[error.code]} (${scanErrorMessages.en[error.code]})${error.detail ? ` [${error.detail}]` : ''}`);
      }
      if (values.json) {
        ctx.out(JSON.stringify(devices));
        return 0;
      }
      if (devices.length === 0) ctx.out('Không tìm thấy máy quét nào. (No scanners found.)');
      for (const d of devices) ctx.out(`${d.id}\t${d.name}\t${d.sources.join(',')}`);
      ctx.err(`Tìm thấy ${devices.length} máy quét. (Found ${devices.length} scanners.)`);
      return 0;
    } finally {
      service.close();
    }
  },
};
