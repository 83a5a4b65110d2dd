import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { parseCccdQr, type CccdQrData, type CccdQrIssue } from '../../src-shared/text/cccd-qr.js';

let ready: Promise<void> | null = null;

/**
 * zxing-wasm would fetch its .wasm from a CDN by default: hand it the binary shipped in
 * node_modules instead (as tests/helpers/pdf.ts does), so nothing is downloaded.
 */
function prepare(): Promise<void> {
  ready ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = readFileSync(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await prepareZXingModule({ overrides: { wasmBinary, locateFile: (p: string) => (p.endsWith('.wasm') ? wasmPath : p) }, fireImmediately: true });
  })();
  return ready;
}

export type CccdQrResult = { found: false } | { found: true; raw: string; parsed: { ok: true; data: CccdQrData } | { ok: false; issue: CccdQrIssue } };

/** Finds the chip-based CCCD's QR code in a page image (PNG/JPEG bytes) and parses it into applicant fields. */
export async function readCccdQr(image: Uint8Array): Promise<CccdQrResult> {
  await prepare();
  const results = await readBarcodes(image, { formats: ['QRCode'], tryHarder: true });
  const texts = results.filter((r) => r.isValid).map((r) => r.text);
  // A card scan may hold other codes (a receipt's QR beside it): prefer the one that parses.
  for (const raw of texts) {
    const parsed = parseCccdQr(raw);
    if (parsed.ok) return { found: true, raw, parsed };
  }
  return texts[0] === undefined ? { found: false } : { found: true, raw: texts[0], parsed: parseCccdQr(texts[0]) };
}
