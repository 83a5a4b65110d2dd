import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id } from './schemas.js';

/** The receipt given to the citizen. */
export const receiptCommands = {
  /** The receipt (form 01) of a received dossier as an A5 PDF. */
  'receipt.pdf': define(anyone, z.object({ id: Id }), z.object({ fileName: z.string(), pdfBase64: z.string() })),
} as const;
