import { z } from 'zod';
import { AgencyCode, IsoInstant } from '../contract/schemas.js';

/**
 * Wire shapes of the provincial sync server (src-server), shared by the desk's sync engine
 * and the server. The record lane follows RxDB's replication protocol (push rows with the
 * state the client assumed, conflicts answered with the master state, pull by checkpoint),
 * so an RxDB `replicateRxCollection` client can also talk to it.
 *
 * Errors come back as `{ ok: false, error: { code, message } }` (AppError codes); successful
 * answers are the bare shapes below.
 */

/** A lowercase RFC 4122 uuid (what PostgreSQL returns, so ids round-trip unchanged). */
export const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'id.uuid');

/** Text PostgreSQL can store: no NUL character (text and jsonb refuse it). */
export const StoredText = (max: number) => z.string().max(max).refine((v) => !v.includes('\u0000'), 'text.control');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256.format');

/** One page image of a dossier, content-addressed. */
export const SyncPage = z.object({
  sha256: Sha256,
  size: z.number().int().min(0).max(2 ** 40),
  /** Index of the component (document) in the dossier's component list that the page belongs to. */
  component: z.number().int().min(0).max(999),
  /** Order of the page within the dossier, 0-based. */
  position: z.number().int().min(0).max(99_999),
});
export type SyncPage = z.infer<typeof SyncPage>;

/** Processing statuses the province sets (admin API); they flow back to the desk. */
export const ProvinceStatus = z.enum([
  'accepted',
  'processing',
  'supplement_requested',
  'completed',
  'result_returned',
  'rejected',
]);
export type ProvinceStatus = z.infer<typeof ProvinceStatus>;

/** The part of a dossier the province owns. */
export const ProvincePart = z.object({
  status: ProvinceStatus,
  note: StoredText(2000),
  updatedAt: IsoInstant,
});
export type ProvincePart = z.infer<typeof ProvincePart>;

/**
 * The intake fields the desk owns (applicant, procedure, components, receipt times, ...).
 * Kept as an open JSON object so the desk's dossier can grow without a server release; the
 * server stores it as-is and never interprets it. Bounded so one document stays small.
 */
export const MAX_FIELDS_JSON_CHARS = 64 * 1024;
/**
 * Nesting bound of the intake fields (the desk's deepest is about 5). JSON.parse copes with
 * any depth, but every recursive walk after it (JSON.stringify, canonical JSON, jsonb) runs
 * out of stack on a few thousand levels, which a 10 KB body can carry: so depth is checked
 * first, without recursion, and nothing else looks at the value when it fails.
 */
export const MAX_FIELDS_DEPTH = 32;
export const DossierFields = z
  .record(z.string().max(100), z.unknown())
  .refine((f) => jsonDepthWithin(f, MAX_FIELDS_DEPTH), { message: 'fields.tooDeep', abort: true })
  .refine((f) => JSON.stringify(f).length <= MAX_FIELDS_JSON_CHARS, 'fields.tooLarge')
  // PostgreSQL's jsonb cannot hold U+0000, escaped or not.
  .refine((f) => !JSON.stringify(f).includes('\\u0000'), 'text.control');
export type DossierFields = z.infer<typeof DossierFields>;

/** True when no array or object in `value` is nested deeper than `max` levels (iterative). */
export function jsonDepthWithin(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return true;
}

/**
 * A dossier as the desk pushes it. `province`, `seq` and `complete` are the server's: a desk
 * may echo them back (RxDB sends the pulled document as `assumedMasterState`), the server
 * ignores them on write.
 */
export const SyncDossier = z.object({
  /** uuid generated on the desk, so a retried push never makes a duplicate. */
  id: Uuid,
  /** The dossier code printed on the receipt (mã số hồ sơ). */
  code: StoredText(64).pipe(z.string().min(1)).nullable(),
  fields: DossierFields,
  pages: z.array(SyncPage).max(5000),
  /** The desk's last change time; informational, never used for ordering. */
  updatedAt: IsoInstant,
  province: ProvincePart.nullable().optional(),
  seq: z.number().int().optional(),
  complete: z.boolean().optional(),
  _deleted: z.boolean(),
});
export type SyncDossier = z.infer<typeof SyncDossier>;

/** A dossier as the server returns it (pull, SSE, conflicts). */
export const MasterDossier = SyncDossier.extend({
  province: ProvincePart.nullable(),
  /** Server-assigned change sequence of this document; the pull checkpoint. */
  seq: z.number().int().min(1),
  /** True when every page hash the dossier lists is in the province's blob store. */
  complete: z.boolean(),
});
export type MasterDossier = z.infer<typeof MasterDossier>;

export const PushRow = z.object({
  newDocumentState: SyncDossier,
  /** The master state the desk last saw; absent or null for a dossier new to the server. */
  assumedMasterState: SyncDossier.nullable().optional(),
});
export type PushRow = z.infer<typeof PushRow>;

export const MAX_PUSH_ROWS = 200;
/** POST /sync/dossiers/push body. The answer is `MasterDossier[]`: the conflicts, empty when all landed. */
export const PushRequest = z.array(PushRow).max(MAX_PUSH_ROWS);
export type PushRequest = z.infer<typeof PushRequest>;
export const PushResponse = z.array(MasterDossier);

export const SyncCheckpoint = z.object({ seq: z.number().int().min(0) });
export type SyncCheckpoint = z.infer<typeof SyncCheckpoint>;

export const MAX_PULL_LIMIT = 1000;
/** GET /sync/dossiers/pull?checkpoint=<seq>&limit=<n> answer. */
export const PullResponse = z.object({ documents: z.array(MasterDossier), checkpoint: SyncCheckpoint });
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * One Server-Sent Event `data:` line of GET /sync/dossiers/stream: either the JSON string
 * "RESYNC" (sent on every (re)connect: pull from your checkpoint) or a batch of changes.
 */
export const StreamEvent = z.union([z.literal('RESYNC'), PullResponse]);
export type StreamEvent = z.infer<typeof StreamEvent>;

/** GET /sync/dossiers/:id/status answer. */
export const DossierSyncStatus = z.object({
  id: Uuid,
  seq: z.number().int(),
  complete: z.boolean(),
  missing: z.array(Sha256),
  province: ProvincePart.nullable(),
});
export type DossierSyncStatus = z.infer<typeof DossierSyncStatus>;

export const MAX_MISSING_QUERY = 5000;
export const MissingBlobsRequest = z.object({ hashes: z.array(Sha256).max(MAX_MISSING_QUERY) });
export const MissingBlobsResponse = z.object({ missing: z.array(Sha256) });

/** PUT /blobs/:sha256 answer (201 stored now, 200 already there). */
export const BlobPutResponse = z.object({ sha256: Sha256, size: z.number().int(), stored: z.boolean() });

/** tus upload metadata key carrying the expected SHA-256 (hex) of the whole file. */
export const TUS_SHA256_METADATA = 'sha256';

/**
 * Desk slots. A reception point's daily sequence space is cut into blocks of
 * SLOT_BLOCK_SIZE numbers; the desk in slot s issues s·block+1 … (s+1)·block−1
 * (src-shared/domain/dossier-code.ts). With the 4-digit sequence of Circular 01/2018 that
 * gives enrolled desks slots 1…9 (1001–1999 … 9001–9999). Slot 0 with block 10000 is the
 * un-enrolled standalone desk (0001–9999) and is never handed out by the server.
 */
export const SLOT_BLOCK_SIZE = 1000;
export const FIRST_ENROLLED_SLOT = 1;
export const LAST_ENROLLED_SLOT = 9;

export const EnrollRequest = z.object({
  /** The one-time code shown to the admin, e.g. "7KQ2M-XH4PD"; case, spaces and dashes ignored. */
  code: z.string().min(4).max(40),
  deviceName: StoredText(200).pipe(z.string().trim().min(1)),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: Uuid,
  /** Returned once. Send `Authorization: Bearer <deviceId>.<credential>` on every request. */
  credential: z.string(),
  receptionPoint: z.object({ id: Uuid, code: AgencyCode, name: z.string() }),
  deskSlot: z.number().int().min(FIRST_ENROLLED_SLOT).max(LAST_ENROLLED_SLOT),
  slotBlockSize: z.number().int(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string(),
  database: z.enum(['pglite', 'postgresql']),
});
