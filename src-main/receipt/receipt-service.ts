import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../src-shared/contract/errors.js';
import type { KernelDeps } from '../kernel/deps.js';
import { findUserById } from '../users/users-repo.js';
import { getDossier } from '../dossiers/dossier-repo.js';
import { receiptQrContent } from './qr.js';
import { renderReceiptPdf, type ReceiptInput } from './receipt-pdf.js';

/** The receipt (form 01) of a received dossier. Reading only: no audit entry, no change. */
export function createReceiptService({ db, settings, assetsDir }: Pick<KernelDeps, 'db' | 'settings' | 'assetsDir'>) {
  // The fonts ship with the app (assets/fonts, SIL OFL); read once, on the first receipt.
  let fonts: Promise<ReceiptInput['fonts']> | null = null;
  const loadFonts = () =>
    (fonts ??= Promise.all([
      readFile(join(assetsDir, 'fonts', 'NotoSerif-Regular.ttf')),
      readFile(join(assetsDir, 'fonts', 'NotoSerif-Bold.ttf')),
    ]).then(([regular, bold]) => ({ regular, bold })));

  return {
    async pdf(id: string): Promise<{ fileName: string; pdfBase64: string }> {
      const dossier = getDossier(db, id);
      if (!dossier) throw new AppError('NOT_FOUND', 'dossiers.notFound');
      if (dossier.status !== 'received' || !dossier.code) throw new AppError('VALIDATION', 'receipt.notReceived');
      const s = settings();
      const officer = dossier.receivedBy ? findUserById(db, dossier.receivedBy) : null;
      let fontBytes: ReceiptInput['fonts'];
      try {
        fontBytes = await loadFonts();
      } catch (error) {
        fonts = null;
        throw error;
      }
      const pdf = await renderReceiptPdf({
        dossier,
        receptionPoint: s.receptionPoint,
        receivingOfficer: officer?.fullName ?? '',
        qrContent: receiptQrContent(s.trackingUrlTemplate, dossier.code, dossier.lookupCode),
        timeZone: s.timeZone,
        fonts: fontBytes,
      });
      return { fileName: `bien-nhan-${dossier.code}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64') };
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
