/** The receipt PDF from main (base64) as a Blob. */
export function pdfBlob(pdfBase64: string): Blob {
  const binary = atob(pdfBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

/** Saves the blob through the browser's download (Electron's save dialog in the shell). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Prints through the system / browser print dialog: the PDF loads in a hidden iframe
 * (the CSP allows blob: frames) and its window's print() opens the dialog.
 */
export function printBlob(blob: Blob): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const frame = document.createElement('iframe');
    frame.className = 'print-frame';
    frame.title = 'receipt';
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    const cleanup = () => {
      frame.remove();
      URL.revokeObjectURL(url);
    };
    frame.onload = () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
      // The dialog is modal in most shells; keep the frame until the clerk is long done.
      setTimeout(cleanup, 10 * 60_000);
    };
    frame.src = url;
    document.body.appendChild(frame);
  });
}

export const receiptFileName = (code: string | null) => `bien-nhan-${(code ?? 'nhap').replace(/[^0-9A-Za-z.-]/g, '_')}.pdf`;
