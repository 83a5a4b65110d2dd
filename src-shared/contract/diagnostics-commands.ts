import { z } from 'zod';
import { admins, define, empty } from './define.js';
import { IsoInstant } from './schemas.js';

export const CheckStatus = z.enum(['ok', 'warn', 'fail', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** One thing the doctor looked at. Titles, details and fixes are Vietnamese, for IT on the phone. */
export const CheckResult = z.object({
  id: z.string(),
  status: CheckStatus,
  title: z.string(),
  detail: z.string(),
  /** What to do about it; null when nothing is wrong. */
  fix: z.string().nullable(),
  /** Figures behind the detail (versions, bytes, counts), never personal data. */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const DoctorReport = z.object({
  at: IsoInstant,
  version: z.string(),
  /** True only when no check warned or failed (the exit code 0 of `tiepnhan doctor`). */
  ok: z.boolean(),
  problems: z.number().int(),
  checks: z.array(CheckResult),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

export const LogLevelName = z.enum(['info', 'warn', 'error']);

export const LogEntry = z.object({
  at: z.string(),
  level: LogLevelName,
  message: z.string(),
  /** The rest of the line's fields (ids, codes, figures), as JSON text. */
  data: z.string(),
  /** Which file it came from (tiepnhan.log, tiepnhan.log.1, …). */
  file: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;

/** The doctor, the log viewer and the support bundle, for admins (issue 10). */
export const diagnosticsCommands = {
  /** Every check; `quick` skips hashing each page file and the OCR self-test. */
  'diagnostics.run': define(admins, z.object({ quick: z.boolean().default(false) }).strict(), DoctorReport),
  /** The first-run wizard's connection test of a server address (reachability, TLS, clock). */
  'diagnostics.checkServer': define(admins, z.object({ serverUrl: z.string().trim().min(1).max(500) }).strict(), z.array(CheckResult)),
  /** The first-run wizard's OCR test: a bundled page read by the real engine. */
  'diagnostics.ocrSelfTest': define(admins, empty, CheckResult),
  /** Log lines, newest first, at or above a level and within a time range. */
  'diagnostics.logs': define(
    admins,
    z
      .object({
        minLevel: LogLevelName.default('info'),
        from: IsoInstant.optional(),
        to: IsoInstant.optional(),
        limit: z.number().int().min(1).max(2000).default(500),
      })
      .strict(),
    z.object({ entries: z.array(LogEntry), truncated: z.boolean() }),
  ),
  /** A zip for support: logs (scrubbed), versions, config without secrets, the doctor's report; no citizens' data. */
  'diagnostics.supportBundle': define(admins, empty, z.object({ fileName: z.string(), zipBase64: z.string(), bytes: z.number().int() })),
} as const;
