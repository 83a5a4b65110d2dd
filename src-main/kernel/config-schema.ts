import { z } from 'zod';
import { ReceptionPoint } from '../../src-shared/contract/schemas.js';
import { ScanPresetId } from '../../src-shared/contract/scan-commands.js';
import { SyncOptions } from '../../src-shared/contract/sync-commands.js';

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s]+$/.test(s) && URL.canParse(s), 'cần địa chỉ http:// hoặc https:// (an http:// or https:// address)');

const rp = ReceptionPoint.shape;
/** The reception point's fields, each optional and without the form's defaults: only what IT wrote is locked. */
const ConfigReceptionPoint = z
  .object({
    name: rp.name.optional(),
    agencyCode: rp.agencyCode.optional(),
    agencyName: rp.agencyName.removeDefault(),
    address: rp.address.removeDefault(),
    phone: rp.phone.removeDefault(),
    returnPlace: rp.returnPlace.removeDefault(),
  })
  .strict();

/**
 * What IT may put in the machine's config files (README "For IT staff"). Read before the database
 * opens; every key is optional. A key set here is locked: the desk's settings commands refuse
 * to change it, and the admin screens show it as set by the machine configuration.
 */
export const AppConfig = z
  .object({
    /** The web host's port; 0 = any free port. Overridden by TIEPNHAN_PORT. */
    port: z.number().int().min(0).max(65535).optional(),
    /** The provincial server the first-run wizard enrolls with. */
    serverUrl: httpUrl.optional(),
    /** A one-time enrollment code from the province, for the first start's wizard. A secret. */
    enrollmentCode: z.string().trim().min(4).max(40).optional(),
    /** The name the desk enrolls under (default: the computer's name). */
    deviceName: z.string().trim().min(1).max(200).optional(),
    /** The reception point printed on receipts; each field given is locked on its own. */
    receptionPoint: ConfigReceptionPoint.optional(),
    /** An HTTP proxy for the provincial server; null = none, even if HTTPS_PROXY is set. */
    proxyUrl: SyncOptions.shape.proxyUrl.optional(),
    /** The scan preset a scanning panel opens with. */
    scannerPreset: ScanPresetId.optional(),
    /** Days after the province confirmed a dossier before its page images leave this PC; null = never. */
    retentionDays: SyncOptions.shape.retentionDays.optional(),
    /** The interface language. */
    language: z.enum(['vi', 'en']).optional(),
    /** Idle minutes before a session locks. The same bounds as the desk setting (Settings.idleLockMinutes). */
    idleLockMinutes: z.number().int().min(1).max(240).optional(),
    /** Lowest level written to the log file. */
    logLevel: z.enum(['error', 'warn', 'info']).optional(),
    /** Folder of the scheduled daily backup (absolute path). */
    backupFolder: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .refine((s) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(s), 'cần đường dẫn tuyệt đối (an absolute path)')
      .optional(),
    /** How many daily backups the folder keeps. */
    backupKeep: z.number().int().min(1).max(365).optional(),
    /** Where the updater looks for new versions (a generic web folder, e.g. on the provincial server). */
    updateFeedUrl: httpUrl.optional(),
    /** Stay on this version: the updater installs nothing else. */
    pinnedVersion: z
      .string()
      .trim()
      .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'cần số phiên bản dạng 1.2.3 (a version like 1.2.3)')
      .optional(),
  })
  .strict();

export type AppConfig = z.output<typeof AppConfig>;
export type LogLevel = NonNullable<AppConfig['logLevel']>;
export type ConfigKey = keyof AppConfig;

/** Keys whose value is a secret: never shown, logged or put in a support bundle. */
export const secretConfigKeys: readonly ConfigKey[] = ['enrollmentCode'];
