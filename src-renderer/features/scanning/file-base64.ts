/** A picked or dropped file as base64, the way pages.importFiles takes it. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode under the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The web host caps one message at 25 MB (pages-commands.ts); base64 grows bytes by 4/3,
 * so 18 MB of files per import stays under it with room for the envelope.
 */
export const maxImportBytes = 18 * 1024 * 1024;

export const importAccept = '.jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf';
