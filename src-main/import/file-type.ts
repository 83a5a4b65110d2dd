import { imageErrors } from '../imaging/image-errors.js';

export type ImportType = 'jpeg' | 'png' | 'tiff' | 'pdf';

/**
 * The file's real type from its first bytes (never from its name: a renamed file is still what
 * it is). Anything else is refused with a clear message.
 */
export function detectFileType(data: Uint8Array, name?: string): ImportType {
  const b = data;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))) return 'tiff';
  // PDF readers accept the header anywhere in the first 1024 bytes.
  const head = Buffer.from(b.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  throw imageErrors.notAnImage(name);
}
