import { z } from 'zod';
import { validateIdNumber } from '../domain/id-number.js';
import { importLimitCeiling } from '../domain/import-limits.js';
import { isValidTimeZone } from '../domain/local-time.js';

/**
 * Data shapes that cross the contract. Validation messages are message keys
 * (see ../i18n/messages.ts), translated by whoever shows them.
 */

/** A real calendar date YYYY-MM-DD (2003-02-30 and 2003-99-99 are refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date.format');

/** A date of birth: a real date, not before 1900 and not in the future. */
export const BirthDate = IsoDate.refine(
  (s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10),
  'date.birthRange',
);

/** Local time of day HH:MM, 00:00–23:59. */
const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time.format');
export const IsoInstant = z.string().datetime({ offset: true });
/** A problem main reports (src-shared/i18n/problems): its message key and parameters. */
export const ProblemShape = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const Id = z.string().regex(/^[0-9a-f-]{36}$/, 'id.uuid');

/** Names shown on receipts: no control characters, bounded length. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'text.tooLong')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'text.control')
    .transform((s) => s.normalize('NFC'));
const requiredText = (max: number) => text(max).pipe(z.string().min(1, 'required'));
const optionalText = (max: number) => text(max).optional().default('');

export const Role = z.enum(['clerk', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  role: Role,
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'username.format');
/** At least 8 characters; long passphrases welcome. */
export const Password = z.string().min(8, 'password.tooShort').max(256, 'text.tooLong');

/**
 * Receiving unit's code under QCVN 102:2016/BTTTT, e.g. `000.00.53.H48` (DOMAIN.md).
 * Kept loose (dotted groups of letters and digits) because the code lists were re-issued in 2025.
 */
export const AgencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){1,4}$/, 'agencyCode.format');

export const ReceptionPoint = z.object({
  name: requiredText(200),
  agencyCode: AgencyCode,
  agencyName: optionalText(200),
  address: optionalText(300),
  phone: optionalText(30),
  /** Where the citizen collects the result, printed on the receipt. */
  returnPlace: optionalText(300),
});
export type ReceptionPoint = z.infer<typeof ReceptionPoint>;

export const DocumentKind = z.enum(['original', 'certified_copy', 'photocopy']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const FeeSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('flat'), amount: z.number().int().min(0) }),
  /** Certification of copies: price per page for the first pages, another from then on, capped per copy. */
  z.object({
    kind: z.literal('per_page_tiered'),
    firstPages: z.number().int().min(0),
    firstPagePrice: z.number().int().min(0),
    nextPagePrice: z.number().int().min(0),
    capPerCopy: z.number().int().min(0).nullable(),
  }),
]);
export type FeeSchedule = z.infer<typeof FeeSchedule>;

export const ProcedureComponent = z.object({
  name: z.string(),
  defaultKind: DocumentKind,
  defaultQuantity: z.number().int(),
  required: z.boolean(),
});

export const Procedure = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(['certification', 'civil_status', 'business', 'other']),
  /** Legal processing time in working days; 0 = same day. */
  processingDays: z.number().int().min(0),
  components: z.array(ProcedureComponent),
  fee: FeeSchedule,
  /** True where the procedure is priced by pages and copies (certification of copies). */
  countsPages: z.boolean(),
});
export type Procedure = z.infer<typeof Procedure>;

export const Sex = z.enum(['male', 'female']);

export const ApplicantInput = z
  .object({
    fullName: requiredText(200),
    idNumber: z.string().trim().regex(/^(\d{9}|\d{12})$/, 'id.format'),
    dateOfBirth: BirthDate.nullable().optional().default(null),
    sex: Sex.nullable().optional().default(null),
    phone: z
      .string()
      .trim()
      .regex(/^(|\+?[0-9][0-9 .-]{7,18})$/, 'phone.format')
      .optional()
      .default(''),
    email: z.union([z.literal(''), z.string().trim().email('email.format').max(200)]).optional().default(''),
    address: optionalText(500),
  })
  .superRefine((a, ctx) => {
    const issue = validateIdNumber(a.idNumber, a.dateOfBirth, a.sex);
    if (issue) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: issue });
  });
export type ApplicantInput = z.input<typeof ApplicantInput>;
export type Applicant = z.output<typeof ApplicantInput>;

export const ComponentInput = z.object({
  name: requiredText(300),
  kind: DocumentKind,
  quantity: z.number().int().min(1, 'quantity.range').max(999, 'quantity.range'),
  received: z.boolean(),
});
export type ComponentInput = z.infer<typeof ComponentInput>;

export const DossierDraftInput = z.object({
  procedureCode: z.string().trim().min(1, 'required').max(40),
  applicant: ApplicantInput,
  components: z.array(ComponentInput).max(60),
  setsCount: z.number().int().min(1).max(20).default(1),
  /** For procedures that count pages (certification): pages per copy and number of copies. */
  pages: z.number().int().min(0).max(2000).default(0),
  copies: z.number().int().min(0).max(500).default(0),
  note: optionalText(1000),
});
export type DossierDraftInput = z.input<typeof DossierDraftInput>;

export const DossierStatus = z.enum(['draft', 'received']);
export type DossierStatus = z.infer<typeof DossierStatus>;

/**
 * Where a dossier is in quality review: 'none' = not under review (a draft, or received before
 * reviews existed), 'pending' = waiting for the supervisor, 'returned' = sent back to the clerk.
 */
export const ReviewState = z.enum(['none', 'pending', 'returned', 'approved']);
export type ReviewState = z.infer<typeof ReviewState>;

/** Why a reviewer sends a page (or the dossier) back to the clerk. */
export const ReviewReason = z.enum(['blurred', 'cut_off', 'missing_page', 'wrong_component', 'upside_down', 'classified']);
export type ReviewReason = z.infer<typeof ReviewReason>;

export const Dossier = z.object({
  id: Id,
  status: DossierStatus,
  code: z.string().nullable(),
  lookupCode: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  processingDays: z.number().int(),
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    dateOfBirth: z.string().nullable(),
    sex: Sex.nullable(),
    phone: z.string(),
    email: z.string(),
    address: z.string(),
  }),
  components: z.array(ComponentInput),
  setsCount: z.number().int(),
  pages: z.number().int(),
  copies: z.number().int(),
  feeAmount: z.number().int(),
  note: z.string(),
  receivedAt: IsoInstant.nullable(),
  appointmentAt: IsoInstant.nullable(),
  logBook: z.object({ volume: z.string(), entry: z.number().int() }).nullable(),
  createdBy: z.string(),
  receivedBy: z.string().nullable(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Dossier = z.infer<typeof Dossier>;

/** The read model replicated to the renderer (RxDB document). */
export const DossierSummary = z.object({
  id: Id,
  status: DossierStatus,
  code: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  receivedAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  updatedAt: z.string(),
  /** The clerk whose work it is (user id): its creator until a supervisor reassigns it. */
  assignedTo: z.string(),
  reviewState: ReviewState,
  /** While sent back: the reasons of the latest return, each once in the order found, for the clerk's list. */
  returnReasons: z.array(ReviewReason),
  /** When the result was handed back to the citizen (the dossier is closed here). */
  closedAt: z.string().nullable(),
  /** Change sequence assigned by main; the replication checkpoint. */
  seq: z.number().int(),
  _deleted: z.boolean(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;

export const Checkpoint = z.object({ seq: z.number().int().min(0) });
export type Checkpoint = z.infer<typeof Checkpoint>;

export const Holiday = z.object({
  date: IsoDate,
  name: requiredText(200),
  /** 'holiday' = a non-working day; 'working' = a weekend day worked in compensation. */
  kind: z.enum(['holiday', 'working']),
});
export type Holiday = z.infer<typeof Holiday>;

export const Settings = z.object({
  receptionPoint: ReceptionPoint,
  /** Minutes without activity before a session locks. */
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Dossiers received after this local time count from the next working day. */
  cutoffTime: TimeOfDay,
  /** Local time of day printed as the appointment time. */
  returnTime: TimeOfDay,
  /** IANA time zone of the desk; all local dates are computed in it. */
  timeZone: z.string().refine(isValidTimeZone, 'timeZone.invalid'),
  /** QR content on the receipt: null = the dossier code itself; else a URL with {code} and {lookup}. */
  trackingUrlTemplate: z.string().max(500).nullable(),
  /** This desk's slot in the unit's sequence space (see README, "Dossier codes"). */
  deskSlot: z.number().int().min(0),
  slotBlockSize: z.number().int().min(10),
  /** Most pages one imported file may have (src-shared/domain/import-limits.ts). */
  importMaxPagesPerFile: z.number().int().min(1).max(importLimitCeiling),
  /** Most live pages a dossier may hold after an import. */
  importMaxPagesPerDossier: z.number().int().min(1).max(importLimitCeiling),
  /**
   * The reception point's review rule: true = a dossier goes to the province only once a supervisor
   * approved it; false = it syncs at once and is reviewed after the fact.
   */
  reviewBeforeSync: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;
