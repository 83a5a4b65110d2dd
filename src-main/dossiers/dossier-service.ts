import { randomBytes, randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../src-shared/contract/commands.js';
import { AppError, type Problem } from '../../src-shared/contract/errors.js';
import type { Dossier, Procedure, Settings, User } from '../../src-shared/contract/schemas.js';
import { changedFields, draftValues, receiveIssues, type DraftValues } from '../../src-shared/domain/dossier-draft.js';
import { computeFee } from '../../src-shared/domain/fee.js';
import { toLocal } from '../../src-shared/domain/local-time.js';
import { lookupCodeFromBytes } from '../../src-shared/domain/lookup-code.js';
import type { KernelDeps } from '../kernel/deps.js';
import { auditedChange } from '../audit/audited-change.js';
import { appointmentFor } from '../calendar/appointment.js';
import { findProcedure } from '../catalog/catalog-repo.js';
import type { Db } from '../db/open.js';
import { issueDossierCode } from './code-sequence.js';
import { getDossier, insertDraft, lookupCodeExists, markReceived, nextLogBookEntry, updateDraft } from './dossier-repo.js';

type Ctx = Pick<KernelDeps, 'db' | 'clock' | 'settings'>;
type DraftInput = ParsedInput<'dossiers.create'>;

const localToday = (s: Settings, now: Date) => toLocal(now, s.timeZone).date;

function procedureOrFail(db: Db, code: string, date: string): Procedure {
  const p = findProcedure(db, code, date);
  if (!p) {
    throw new AppError('VALIDATION', { key: 'dossiers.procedureUnknown', params: { code } }, {
      procedureCode: 'procedure.unknown',
    });
  }
  return p;
}

function draftOrFail(db: Db, id: string): Dossier {
  const d = getDossier(db, id);
  if (!d) throw new AppError('NOT_FOUND', 'dossiers.notFound');
  if (d.status !== 'draft') throw new AppError('NOT_DRAFT');
  return d;
}

const storedValues = (d: Dossier): DraftValues => ({
  procedureCode: d.procedureCode,
  procedureName: d.procedureName,
  processingDays: d.processingDays,
  applicant: d.applicant,
  components: d.components,
  setsCount: d.setsCount,
  pages: d.pages,
  copies: d.copies,
  feeAmount: d.feeAmount,
  note: d.note,
});

/** Saves a new draft. The audit entry names the procedure, not the applicant. */
export function createDossier({ db, clock, settings }: Ctx, input: DraftInput, user: User): Dossier {
  const id = randomUUID();
  auditedChange(db, clock, { userId: user.id, action: 'dossiers.create' }, ({ now, at, seq }) => {
    const values = draftValues(procedureOrFail(db, input.procedureCode, localToday(settings(), now)), input);
    insertDraft(db, { id, createdBy: user.id, at, seq: seq(), values });
    return {
      audit: {
        dossierId: id,
        details: { procedureCode: values.procedureCode, components: values.components.length, pages: values.pages, copies: values.copies, feeAmount: values.feeAmount },
      },
    };
  });
  return getDossier(db, id) as Dossier;
}

/** Rewrites a draft; refused once received. The audit entry lists which fields changed. */
export function updateDossier({ db, clock, settings }: Ctx, id: string, input: DraftInput, user: User): Dossier {
  auditedChange(db, clock, { userId: user.id, action: 'dossiers.update' }, ({ now, at, seq }) => {
    const before = draftOrFail(db, id);
    const values = draftValues(procedureOrFail(db, input.procedureCode, localToday(settings(), now)), input);
    if (!updateDraft(db, { id, at, seq: seq(), values })) throw new AppError('NOT_DRAFT');
    return { audit: { dossierId: id, details: { changed: changedFields(storedValues(before), values), feeAmount: values.feeAmount } } };
  });
  return getDossier(db, id) as Dossier;
}

/** A lookup code not used yet; 40 random bits make a clash rare, the loop makes it harmless. */
function freshLookupCode(db: Db): string {
  for (let i = 0; i < 20; i++) {
    const code = lookupCodeFromBytes(randomBytes(8));
    if (!lookupCodeExists(db, code)) return code;
  }
  throw new AppError('INTERNAL', 'dossiers.lookupCodeFailed');
}

/**
 * Receives a draft: dossier code, lookup code, receipt time (the clock's now), appointment,
 * log-book volume (the receipt year) and entry, all in one immediate transaction so two
 * connections on the same file cannot read the same counters. The procedure, its time and
 * its fee are those in force on the receipt date.
 */
export function receiveDossier({ db, clock, settings }: Ctx, id: string, user: User): Dossier {
  auditedChange(db, clock, { userId: user.id, action: 'dossiers.receive' }, ({ now, at, seq }) => {
    const s = settings();
    const localDate = localToday(s, now);
    const draft = draftOrFail(db, id);
    const procedure = procedureOrFail(db, draft.procedureCode, localDate);
    const { fields, missing } = receiveIssues(procedure, draft);
    if (Object.keys(fields).length > 0) {
      const problem: Problem =
        missing.length > 0
          ? { key: 'dossiers.receiveMissingComponents', params: { missing: missing.join('; ') } }
          : fields.pages || fields.copies
            ? { key: 'dossiers.receiveNeedsPages' }
            : { key: 'dossiers.receiveIncomplete' };
      throw new AppError('VALIDATION', problem, fields);
    }
    const appointment = appointmentFor(db, s, now, procedure.processingDays);
    const { code } = issueDossierCode(db, {
      unitCode: s.receptionPoint.agencyCode,
      localDate,
      deskSlot: s.deskSlot,
      slotBlockSize: s.slotBlockSize,
    });
    const volume = localDate.slice(0, 4);
    const entry = nextLogBookEntry(db, volume);
    const feeAmount = computeFee(procedure.fee, draft.pages, draft.copies);
    const receipt = { code, lookupCode: freshLookupCode(db), receivedAt: at, appointmentAt: appointment.appointmentAt, logBookVolume: volume, logBookEntry: entry, receivedBy: user.id };
    if (!markReceived(db, { id, at, seq: seq(), procedure, feeAmount, receipt })) throw new AppError('NOT_DRAFT');
    return { audit: { dossierId: id, details: { code, appointmentAt: appointment.appointmentAt, logBook: `${volume}/${entry}`, feeAmount } } };
  });
  return getDossier(db, id) as Dossier;
}

export function dossierOrFail(db: Db, id: string): Dossier {
  const d = getDossier(db, id);
  if (!d) throw new AppError('NOT_FOUND', 'dossiers.notFound');
  return d;
}
