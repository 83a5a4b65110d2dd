import { z } from 'zod';
import { exportCommands } from './export-commands.js';
import { ocrCommands } from './ocr-commands.js';
import { pageCommands } from './pages-commands.js';
import { syncCommands } from './sync-commands.js';
import { scanCommands } from './scan-commands.js';
import {
  Checkpoint,
  Dossier,
  DossierDraftInput,
  DossierSummary,
  Holiday,
  Id,
  IsoDate,
  Password,
  Procedure,
  ReceptionPoint,
  Role,
  Settings,
  User,
  Username,
} from './schemas.js';

/**
 * Who may call a command:
 * - 'public': anyone, no session (app info, login);
 * - 'setup': only while the first-run setup has not been done;
 * - a list of roles: a valid, unlocked session with one of them.
 */
export type Access = 'public' | 'setup' | readonly Role[];

type Def<I extends z.ZodType, O extends z.ZodType> = { access: Access; input: I; output: O };
const def = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): Def<I, O> => ({
  access,
  input,
  output,
});

const anyone = ['clerk', 'supervisor', 'admin'] as const;
const leads = ['supervisor', 'admin'] as const;
const admins = ['admin'] as const;
const empty = z.object({}).strict();
const done = z.object({ done: z.literal(true) });

const SessionInfo = z.object({
  sessionToken: z.string(),
  user: User,
  idleLockMinutes: z.number().int(),
});

/** The whole contract between renderer and main. Main must implement every entry. */
export const commands = {
  'app.info': def(
    'public',
    empty,
    z.object({
      version: z.string(),
      needsSetup: z.boolean(),
      receptionPoint: ReceptionPoint.nullable(),
    }),
  ),
  'setup.init': def(
    'setup',
    z.object({
      receptionPoint: ReceptionPoint,
      admin: z.object({ username: Username, fullName: z.string().trim().min(1, 'required').max(200), password: Password }),
    }),
    done,
  ),
  'auth.login': def('public', z.object({ username: z.string().trim().toLowerCase().max(64), password: z.string().max(256) }), SessionInfo),
  'auth.logout': def('public', empty, done),
  /** Unlocks a session locked by inactivity; the same user re-enters the password. */
  'auth.unlock': def('public', z.object({ password: z.string().max(256) }), done),
  'auth.me': def(anyone, empty, User),

  'users.list': def(admins, empty, z.array(User)),
  'users.create': def(
    admins,
    z.object({ username: Username, fullName: z.string().trim().min(1, 'required').max(200), role: Role, password: Password }),
    User,
  ),
  'users.setDisabled': def(admins, z.object({ id: Id, disabled: z.boolean() }), done),

  'catalog.procedures': def(anyone, empty, z.array(Procedure)),

  'dossiers.create': def(anyone, DossierDraftInput, Dossier),
  'dossiers.update': def(anyone, z.object({ id: Id, draft: DossierDraftInput }), Dossier),
  /** Finalises a draft: issues the dossier code, lookup code, appointment and log-book entry. */
  'dossiers.receive': def(anyone, z.object({ id: Id }), Dossier),
  'dossiers.get': def(anyone, z.object({ id: Id }), Dossier),
  /** The receipt (form 01) as an A5 PDF. */
  'dossiers.receiptPdf': def(anyone, z.object({ id: Id }), z.object({ fileName: z.string(), pdfBase64: z.string() })),

  /** RxDB replication pull: documents changed after the checkpoint, oldest first. */
  'replication.pullDossiers': def(
    anyone,
    z.object({ checkpoint: Checkpoint.nullable(), limit: z.number().int().min(1).max(1000) }),
    z.object({ documents: z.array(DossierSummary), checkpoint: Checkpoint.nullable() }),
  ),

  'audit.verify': def(
    leads,
    empty,
    z.object({ valid: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().nullable() }),
  ),

  'calendar.holidays': def(anyone, z.object({ year: z.number().int().min(2000).max(2100) }), z.array(Holiday)),
  'calendar.saveHolidays': def(
    admins,
    z.object({ year: z.number().int().min(2000).max(2100), holidays: z.array(Holiday).max(100) }),
    done,
  ),
  /** Appointment preview for the intake form, computed by the same code as on receive. */
  'calendar.appointment': def(
    anyone,
    z.object({ processingDays: z.number().int().min(0).max(365) }),
    z.object({ appointmentAt: z.string(), localDate: IsoDate }),
  ),

  'settings.get': def(anyone, empty, Settings),
  'settings.update': def(admins, Settings.partial(), Settings),

  ...pageCommands,
  ...ocrCommands,
  ...syncCommands,
  ...exportCommands,
  ...scanCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
