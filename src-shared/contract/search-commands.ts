import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id } from './schemas.js';

/** The search command of the contract (issue 4): dossiers and page text, with or without diacritics. */

export const SearchHit = z.object({
  kind: z.enum(['dossier', 'page']),
  dossierId: Id,
  dossierCode: z.string().nullable(),
  applicantName: z.string(),
  pageId: Id.nullable(),
  pagePosition: z.number().int().nullable(),
  /** Plain text; `highlights` are [start, end) offsets of the matches in it (no markup to escape). */
  snippet: z.object({ text: z.string(), highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })) }),
});

export const searchCommands = {
  /** Applicants, codes, ID numbers and page text, with or without diacritics. */
  'search.query': define(anyone, z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(20) }), z.array(SearchHit)),
} as const;
