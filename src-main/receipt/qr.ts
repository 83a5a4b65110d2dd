import QRCode from 'qrcode';
import { AppError } from '../../src-shared/contract/errors.js';

/**
 * What the receipt's QR code says. No template: the dossier code itself (Circular 01/2018
 * Art. 19 allows printing the code as a barcode or QR). With a template (an admin setting,
 * e.g. `https://dichvucong.example.vn/tra-cuu?ma={code}&k={lookup}`), the placeholders are
 * replaced by the URL-encoded dossier code and lookup code.
 */
export function receiptQrContent(template: string | null, code: string, lookupCode: string | null): string {
  if (template === null || template.trim() === '') return code;
  return template
    .trim()
    .replaceAll('{code}', encodeURIComponent(code))
    .replaceAll('{lookup}', encodeURIComponent(lookupCode ?? ''));
}

/**
 * The QR code as a PNG. Error correction M (15%) survives a smudged print; a 4-module quiet
 * zone (the QR specification's minimum) is part of the image so nothing printed next to it
 * can spoil the scan.
 */
export async function qrPng(content: string): Promise<Uint8Array> {
  try {
    return await QRCode.toBuffer(content, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
  } catch {
    // Only a content longer than the largest QR version can fail here (a template of hundreds of characters).
    throw new AppError('VALIDATION', 'receipt.qrTooLong');
  }
}
