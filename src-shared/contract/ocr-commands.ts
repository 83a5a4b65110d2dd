import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id } from './schemas.js';

/**
 * The OCR commands of the contract (issue 4), spread into `commands` in commands.ts;
 * `ocrEvents` is spread into events.ts.
 */

export const OcrStatus = z.enum(['pending', 'running', 'done', 'failed']);
export const OcrCounts = z.object({ pending: z.number().int(), running: z.number().int(), done: z.number().int(), failed: z.number().int() });

export const OcrWord = z.object({
  /** Stable index of the word on the page (reading order). */
  index: z.number().int(),
  text: z.string(),
  /** What the engine read, before rules and corrections. */
  raw: z.string(),
  /** 0-100. */
  confidence: z.number(),
  /** Pixels of the stored page image, origin top left. */
  box: z.object({ x0: z.number().int(), y0: z.number().int(), x1: z.number().int(), y1: z.number().int() }),
  corrected: z.boolean(),
});

export const PageText = z.object({
  pageId: Id,
  status: OcrStatus,
  error: z.string().nullable(),
  /** Text shown and searched: post-correction rules, then the clerk's corrections. Null before OCR. */
  text: z.string().nullable(),
  rawText: z.string().nullable(),
  /** The clerk replaced the whole text (ocr.saveText). */
  edited: z.boolean(),
  meanConfidence: z.number().nullable(),
  imageWidth: z.number().int().nullable(),
  imageHeight: z.number().int().nullable(),
  /** Lowest confidence first: the order the clerk steps through them. */
  words: z.array(OcrWord),
  /** Valid 12-digit ID numbers (and 9-digit legacy ones) and dates (YYYY-MM-DD) found in the text, to offer for the form. */
  found: z.object({ idNumbers: z.array(z.string()), dates: z.array(z.string()) }),
});
export type PageText = z.infer<typeof PageText>;

/** Applicant fields read from the chip-based CCCD's QR code, for the clerk to confirm into the form. */
export const CccdFields = z.object({
  idNumber: z.string(),
  oldIdNumber: z.string().nullable(),
  fullName: z.string(),
  /** YYYY-MM-DD */
  dateOfBirth: z.string(),
  sex: z.enum(['male', 'female']),
  address: z.string(),
  /** YYYY-MM-DD */
  issueDate: z.string(),
});
export type CccdFields = z.infer<typeof CccdFields>;

export const ocrCommands = {
  /** OCR state of a dossier's pages: counts and each page's status. */
  'ocr.status': define(
    anyone,
    z.object({ dossierId: Id }),
    z.object({
      counts: OcrCounts,
      pages: z.array(z.object({ pageId: Id, position: z.number().int(), status: OcrStatus, attempts: z.number().int(), error: z.string().nullable() })),
    }),
  ),
  'ocr.pageText': define(anyone, z.object({ pageId: Id }), PageText),
  /** The clerk corrects one word; the page text is rebuilt from the words unless the clerk rewrote it whole. Audited. */
  'ocr.correctWord': define(anyone, z.object({ pageId: Id, index: z.number().int().min(0), text: z.string().trim().min(1).max(200) }), PageText),
  /** The clerk replaces the page's whole text. Audited; searchable at once. */
  'ocr.saveText': define(anyone, z.object({ pageId: Id, text: z.string().max(200_000) }), PageText),
  /** Failed pages (of a dossier, or the ones named) go back to the queue. */
  'ocr.retry': define(
    anyone,
    z.union([z.object({ dossierId: Id }).strict(), z.object({ pageIds: z.array(Id).min(1).max(2000) }).strict()]),
    z.object({ requeued: z.number().int() }),
  ),
  /**
   * Reads the QR code of a chip-based CCCD card from an image the clerk picked or dropped
   * (base64 of a JPEG/PNG; the web host caps a message at 25 MB) or from a page of a dossier.
   * No QR code, or one that is not a coherent card, is a VALIDATION error with a Vietnamese message.
   */
  'ocr.readCccdQr': define(
    anyone,
    z.union([z.object({ base64: z.string().min(1).max(30_000_000) }).strict(), z.object({ pageId: Id }).strict()]),
    z.object({ raw: z.string(), fields: CccdFields }),
  ),
} as const;

export const ocrEvents = {
  /** One page's OCR state changed; `counts` are the dossier's totals after the change. */
  'ocr.progress': z.object({ dossierId: Id, pageId: Id, status: OcrStatus, error: z.string().nullable(), counts: OcrCounts }),
} as const;
