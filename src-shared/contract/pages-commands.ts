import { z } from 'zod';
import { anyone, define } from './define.js';
import { Id, IsoInstant } from './schemas.js';

/**
 * The page commands of the contract (issue 3), spread into `commands` in commands.ts.
 * Insertion in the middle is the `insertAt` of pages.importFiles (and of a scan batch),
 * not a separate command.
 */

const Position = z.number().int().min(1).max(100_000);
const ComponentPosition = z.number().int().min(0).max(1000);

export const Page = z.object({
  id: Id,
  dossierId: Id,
  /** Required component the page belongs to (dossier component position), null = not assigned. */
  componentPosition: z.number().int().nullable(),
  /** 1-based order in the dossier; null once deleted. */
  position: z.number().int().nullable(),
  sha256: z.string(),
  thumbSha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().int().nullable(),
  colourMode: z.enum(['color', 'gray', 'bw']),
  /** Stored archive size. */
  bytes: z.number().int(),
  /** Flagged for the clerk's attention; never dropped automatically. */
  blank: z.boolean(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  skewAngle: z.number(),
  source: z.enum(['scan', 'import']),
  sourceName: z.string(),
  status: z.enum(['pending', 'confirmed', 'deleted']),
  /** Whether the lossless master is still kept (until confirmation). */
  hasMaster: z.boolean(),
  createdAt: IsoInstant,
  seq: z.number().int(),
});
export type Page = z.infer<typeof Page>;

/**
 * Files travel as bytes the clerk picked or dropped: the renderer never names a path for
 * main to read, so a compromised page cannot make main read arbitrary files on the PC.
 * The web host caps a message at 25 MB, so larger files are refused there.
 */
const ImportFileInput = z.object({ name: z.string().trim().min(1).max(255), base64: z.string().min(1).max(200_000_000) }).strict();

export const pagesCommands = {
  /**
   * Imports JPEG, PNG, TIFF (every page) and PDF (every page at 200 dpi) files, page by page.
   * Refused whole, with nothing stored, when a file is not acceptable, has more pages than the
   * desk allows, or has a page that cannot be read (every page is checked first); then stored
   * one page at a time, with `pages.progress` after each, until done or cancelled
   * (`pages.cancelImport`: the pages stored so far stay).
   */
  'pages.importFiles': define(
    anyone,
    z.object({
      dossierId: Id,
      componentPosition: ComponentPosition.nullable().default(null),
      /** Position the first imported page takes; null = after the last page. */
      insertAt: Position.nullable().default(null),
      files: z.array(ImportFileInput).min(1).max(50),
    }),
    z.object({ batchId: Id, state: z.enum(['done', 'cancelled']), pages: z.array(Page) }),
  ),
  /** Stops a running import after the page in hand; the pages already stored stay. The batch id comes with `pages.progress`. */
  'pages.cancelImport': define(anyone, z.object({ batchId: Id }).strict(), z.object({ done: z.literal(true) })),
  'pages.list': define(anyone, z.object({ dossierId: Id, includeDeleted: z.boolean().default(false) }), z.array(Page)),
  /** Moves one page to a new position; answers the dossier's pages in their new order. */
  'pages.move': define(anyone, z.object({ id: Id, position: Position }), z.array(Page)),
  /** Assigns pages to a required component (null = unassigned). */
  'pages.assign': define(anyone, z.object({ ids: z.array(Id).min(1).max(2000), componentPosition: ComponentPosition.nullable() }), z.array(Page)),
  /** Turns a page clockwise; the stored image is re-derived (from the lossless master while it exists). */
  'pages.rotate': define(anyone, z.object({ id: Id, turn: z.union([z.literal(90), z.literal(180), z.literal(270)]) }), Page),
  /** Soft delete: the page leaves the order; its files stay until the dossier has synced. */
  'pages.delete': define(anyone, z.object({ id: Id }), z.array(Page)),
  /** Undo of pages.delete: the page returns to its old position (or the end); answers the dossier's pages in order. */
  'pages.restore': define(anyone, z.object({ id: Id }), z.array(Page)),
  /** The clerk confirms the pages (all pending ones, or `ids`): lossless masters are dropped. */
  'pages.confirm': define(anyone, z.object({ dossierId: Id, ids: z.array(Id).max(2000).nullable().default(null) }), z.array(Page)),
  /** A page image for display: the thumbnail or the stored archive image. */
  'pages.image': define(anyone, z.object({ id: Id, variant: z.enum(['thumb', 'archive']) }), z.object({ mime: z.string(), base64: z.string() })),
} as const;

/**
 * Progress of an import, one event per page: first every page is checked (`checking`, nothing
 * stored yet), then each is stored (`storing`, one commit each). Spread into events.ts.
 */
export const pagesEvents = {
  'pages.progress': z.object({
    dossierId: Id,
    batchId: Id,
    phase: z.enum(['checking', 'storing']),
    done: z.number().int(),
    total: z.number().int().nullable(),
    fileName: z.string(),
  }),
} as const;
