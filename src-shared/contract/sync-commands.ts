import { z } from 'zod';
import { CodeRefusal } from '../sync/push-refusal.js';
import { admins, anyone, define, done, leads } from './define.js';
import { Id, IsoInstant, ProblemShape } from './schemas.js';

/**
 * The sync commands of the contract (issue 5), spread into `commands` in commands.ts;
 * `syncEvents` is spread into events.ts.
 */

export const SyncEngineState = z.enum(['not_enrolled', 'idle', 'pushing', 'uploading', 'pulling', 'backoff', 'paused', 'outside_window']);
export type SyncEngineState = z.infer<typeof SyncEngineState>;

export const ProvinceStatusName = z.enum(['accepted', 'processing', 'supplement_requested', 'completed', 'result_returned', 'rejected']);

/** Where one dossier stands, for the clerk's list and the supervisor's queue. */
export const DossierSyncState = z.object({
  dossierId: Id,
  code: z.string().nullable(),
  /** draft: never sent; local_only: received, not yet accepted by the server; uploading: pages on their way; at_province: every page stored there. */
  stage: z.enum(['draft', 'local_only', 'uploading', 'at_province']),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  province: z.object({ status: ProvinceStatusName.nullable(), note: z.string(), updatedAt: IsoInstant.nullable() }).nullable(),
  /** Unresolved conflicts recorded for this dossier. */
  conflicts: z.number().int(),
  /** Why the province refused its last push (its code), until a push lands; the dossier stays on the desk. */
  refusal: CodeRefusal.nullable(),
});
export type DossierSyncState = z.infer<typeof DossierSyncState>;

export const SyncConflict = z.object({
  id: z.number().int(),
  dossierId: Id,
  reason: z.enum(['province_locked', 'stale_assumed_state']),
  /** The explanation for the clerk, shown in the reader's language; `message` is its Vietnamese text. */
  problem: ProblemShape,
  message: z.string(),
  at: IsoInstant,
  resolvedAt: IsoInstant.nullable(),
});

export const SyncStatus = z.object({
  state: SyncEngineState,
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  queueLength: z.number().int(),
  oldestUnsyncedAt: IsoInstant.nullable(),
  lastSuccessAt: IsoInstant.nullable(),
  /** What failed last, in the reader's language (`lastError` is its Vietnamese text); null after a successful pass. */
  lastProblem: ProblemShape.nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: IsoInstant.nullable(),
  perDossier: z.array(DossierSyncState),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** "HH:MM" local time. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time.format');

export const SyncOptions = z.object({
  /** Bytes per second for page uploads; null = no cap. */
  bandwidthBytesPerSecond: z.number().int().min(1024).nullable(),
  /** Sync only between these local times (e.g. 17:00–07:00 wraps midnight); null = any time. */
  window: z.object({ from: ClockTime, to: ClockTime }).nullable(),
  /** Days after the province confirmed a dossier whole before its page images are purged; null = never (default). */
  retentionDays: z.number().int().min(0).max(3650).nullable(),
  /** Allow plain HTTP to a non-loopback server (citizens' data in clear: only on a trusted network). */
  allowInsecureHttp: z.boolean(),
  /** An HTTP proxy for the provincial server (e.g. http://proxy.xa.vn:3128); null = HTTPS_PROXY from the environment, or none. */
  proxyUrl: z.string().trim().regex(/^https?:\/\/[^\s/?#]+\/?$/, 'url.format').max(300).nullable(),
});
export type SyncOptions = z.infer<typeof SyncOptions>;

export const syncCommands = {
  /** Exchanges a one-time code from the provincial admin for a device credential; without `code`, the one in IT's config file. */
  'sync.enroll': define(
    admins,
    z.object({ serverUrl: z.string().trim().min(1).max(500), code: z.string().trim().min(4).max(40).optional(), deviceName: z.string().trim().min(1).max(200) }),
    z.object({ deviceId: z.string(), receptionPoint: z.object({ id: z.string(), code: z.string(), name: z.string() }), deskSlot: z.number().int(), slotBlockSize: z.number().int(), credentialEncrypted: z.boolean() }),
  ),
  'sync.status': define(anyone, z.object({ dossierIds: z.array(Id).max(500).optional() }), SyncStatus),
  /** Starts a pass now (inside the sync window), ending any backoff wait. */
  'sync.now': define(anyone, z.object({}).strict(), done),
  'sync.pause': define(leads, z.object({}).strict(), done),
  'sync.resume': define(leads, z.object({}).strict(), done),
  'sync.options': define(leads, z.object({}).strict(), SyncOptions),
  /** Changes options; allowInsecureHttp and proxyUrl only by an admin (checked in the handler). */
  'sync.setOptions': define(leads, SyncOptions.partial(), SyncOptions),
  'sync.conflicts': define(leads, z.object({ dossierId: Id.optional(), includeResolved: z.boolean().default(false) }), z.array(SyncConflict)),
  /** The supervisor has seen the conflict and dealt with it (e.g. phoned the province). */
  'sync.resolveConflict': define(leads, z.object({ id: z.number().int() }), done),
} as const;

export const syncEvents = {
  /** Engine state or a dossier's upload progress changed. */
  'sync.progress': z.object({
    state: SyncEngineState,
    queueLength: z.number().int(),
    dossierId: Id.nullable(),
    bytesDone: z.number().int(),
    bytesTotal: z.number().int(),
  }),
} as const;
