import type { CheckResult } from '../../../src-shared/contract/diagnostics-commands.js';
import type { Client } from '../../ipc/client.js';
import { errorText } from '../../i18n/i18n.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/** The scanner step: at least one device, the demo scanner included. */
async function scannerTest(client: Client, t: T): Promise<CheckResult> {
  const r = await client.call('scan.devices', {});
  const base = { id: 'scanner', title: t('scanner') };
  if (!r.ok) return { ...base, status: 'fail', detail: errorText(r.error), fix: t('scannerFix') };
  const { devices } = r.value;
  if (devices.length === 0) return { ...base, status: 'fail', detail: t('scannerNone'), fix: t('scannerFix') };
  const found = t('scannerFound', { count: devices.length, names: devices.map((d) => d.name).join('; ') });
  const demoOnly = devices.every((d) => d.backend === 'demo');
  return { ...base, status: 'ok', detail: demoOnly ? `${found} ${t('scannerDemoOnly')}` : found, fix: null };
}

const failed = (id: string, title: string, detail: string): CheckResult => ({ id, status: 'fail', title, detail, fix: null });

/**
 * The wizard's three tests, run together: the server (reachability, TLS, clock), the scanner and
 * OCR on the bundled page. A test that cannot even be asked counts as failed.
 */
export async function runWizardTests(client: Client, serverUrl: string, t: T): Promise<CheckResult[]> {
  const [server, scanner, ocr] = await Promise.all([
    client.call('diagnostics.checkServer', { serverUrl }),
    scannerTest(client, t),
    client.call('diagnostics.ocrSelfTest', {}),
  ]);
  return [
    ...(server.ok ? server.value : [failed('server', t('server'), errorText(server.error))]),
    scanner,
    ocr.ok ? ocr.value : failed('ocr', 'OCR', errorText(ocr.error)),
  ];
}
