import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id } from './schemas.js';

/** The searchable-PDF export commands of the contract (issue 4), spread into `commands` in commands.ts. */

export const ExportedPdf = z.object({
  fileName: z.string(),
  pdfBase64: z.string(),
  pageCount: z.number().int(),
  /**
   * Dossier page positions exported as the image alone: not OCRed yet (or OCR failed, or the
   * page was rotated after OCR). Empty when every page carries its invisible text layer.
   */
  pagesWithoutText: z.array(z.number().int()),
});
export type ExportedPdf = z.infer<typeof ExportedPdf>;

export const exportCommands = {
  /** The pages assigned to one component, in order, as one searchable PDF (PDF/A-2b aimed). */
  'export.componentPdf': define(anyone, z.object({ dossierId: Id, componentPosition: z.number().int().min(1) }), ExportedPdf),
  /** The whole dossier as one searchable PDF, one bookmark per component (unassigned pages last). */
  'export.dossierPdf': define(anyone, z.object({ dossierId: Id }), ExportedPdf),
} as const;

