import { randomBytes, randomUUID } from 'node:crypto';
import type { Procedure, Settings } from '../../src-shared/contract/schemas.js';
import { draftValues } from '../../src-shared/domain/dossier-draft.js';
import { dueDate } from '../../src-shared/domain/deadlines.js';
import { toLocal } from '../../src-shared/domain/local-time.js';
import { lookupCodeFromBytes } from '../../src-shared/domain/lookup-code.js';
import { computeAppointment, type WorkCalendar } from '../../src-shared/domain/working-days.js';
import { nextChangeSeq } from '../db/change-feed.js';
import type { Db } from '../db/open.js';
import { issueDossierCode } from '../dossiers/code-sequence.js';
import { insertDraft, lookupCodeExists, markReceived, nextLogBookEntry } from '../dossiers/dossier-repo.js';
import { saveRecognition } from '../ocr/ocr-repo.js';
import { dossierDocument } from '../sync/dossier-document.js';
import { demoReasons, demoSyncErrors, type DemoPerson, type DemoState } from './demo-plan.js';
import type { SamplePage } from './demo-pages.js';

export type DemoDesk = {
  db: Db;
  settings: Settings;
  calendar: WorkCalendar;
  samples: SamplePage[];
  supervisorId: string;
  rand: () => number;
  /** The demo's present (ms): nothing it writes happens after it. */
  now: number;
  /** Whether the dossier being written keeps its pages' recognised text and words. */
  text: boolean;
};

export type DemoDossier = { state: DemoState; procedure: Procedure; person: DemoPerson; clerkId: string; at: Date; pagesPerDossier: number };

const HOUR = 3600_000;
const iso = (t: number) => new Date(t).toISOString();

function freshLookupCode(db: Db): string {
  for (;;) {
    const code = lookupCodeFromBytes(randomBytes(8));
    if (!lookupCodeExists(db, code)) return code;
  }
}

const beforeOcr = new Set<DemoState>(['draft', 'waiting_scan']);
const underReview = new Set<DemoState>(['missing_components', 'ocr_pending', 'ocr_failed', 'waiting_review']);

/**
 * Writes one demo dossier in the state asked for, through the same rows the app writes: the
 * dossier and its components (dossier-repo), pages pointing at the sample images, OCR jobs and
 * text, the receipt (code sequence, appointment from the calendar, log book), the review, the
 * sync tables and the province status. Migration 0010's triggers derive the queues from these
 * as they do for the app's own writes. Call inside a transaction.
 */
export function writeDemoDossier(d: DemoDesk, x: DemoDossier): string {
  const { db, rand } = d;
  const id = randomUUID();
  const created = x.at.getTime();
  const countsPages = x.procedure.countsPages;
  const values = draftValues(x.procedure, {
    procedureCode: x.procedure.code,
    applicant: { ...x.person, phone: '', email: '', address: 'Ấp Đông, xã Tân Hòa' },
    components: [],
    setsCount: 1,
    pages: countsPages ? 1 + Math.floor(rand() * 4) : 0,
    copies: countsPages ? 1 + Math.floor(rand() * 3) : 0,
    note: '',
  });
  insertDraft(db, { id, createdBy: x.clerkId, at: iso(created), seq: nextChangeSeq(db), values });

  // Pages: none before scanning; else spread over the received components (all on the first when one is missing).
  const parts = values.components.flatMap((c, i) => (c.received ? [i + 1] : []));
  const pageCount = x.state === 'waiting_scan' || (x.state === 'draft' && rand() < 0.5) ? 0 : x.pagesPerDossier;
  const pageIds: string[] = [];
  const page = db.prepare(
    `INSERT INTO pages (id, dossier_id, component_position, position, sha256, archive_format, thumb_sha256, width, height, dpi, colour_mode,
       bytes, blank, ink_ratio, rotation, source, source_name, status, created_by, created_at, updated_at, seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 'scan', 'Máy quét thử', 'confirmed', ?, ?, ?, ?)`,
  );
  const job = db.prepare('INSERT INTO ocr_jobs (page_id, sha256, status, attempts, error, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let p = 0; p < pageCount; p++) {
    const s = d.samples[p % d.samples.length]!;
    const pid = randomUUID();
    const at = iso(created + (p + 1) * 20_000);
    // Missing a component: every page on the first one, or on none when there is only one.
    const component = x.state === 'missing_components' ? (parts.length > 1 ? parts[0]! : null) : (parts[p % Math.max(1, parts.length)] ?? null);
    page.run(pid, id, component, p + 1, s.sha256, s.format, s.thumbSha256, s.width, s.height, s.dpi, s.colourMode, s.bytes, s.inkRatio, x.clerkId, at, at, nextChangeSeq(db));
    pageIds.push(pid);
    // The newest pages of a dossier still in OCR wait for it (the app's queue reads them on start).
    if (x.state === 'ocr_pending' && p >= pageCount / 2) continue;
    const failed = x.state === 'ocr_failed' && p === pageCount - 1;
    job.run(pid, s.sha256, failed ? 'failed' : 'done', failed ? 2 : 1, failed ? 'Trang này đã làm dừng OCR 2 lần. (The page stopped OCR 2 times.)' : null, at, at);
    if (!failed && s.text && d.text) {
      const t = s.text;
      saveRecognition(db, { page_id: pid, sha256: s.sha256, raw_text: t.rawText, text: t.text, mean_confidence: t.meanConfidence, engine: 'tesseract.js vie (demo-data)', width: t.width, height: t.height, created_at: at }, t.words);
    }
  }
  if (x.state === 'draft') return id;

  // The receipt, as dossiers.receive writes it.
  const received = created + 5 * 60_000;
  const local = toLocal(new Date(received), d.settings.timeZone).date;
  const appointment = computeAppointment(new Date(received), x.procedure.processingDays, d.settings, d.calendar).appointmentAt;
  const { code } = issueDossierCode(db, { unitCode: d.settings.receptionPoint.agencyCode, localDate: local, deskSlot: d.settings.deskSlot, slotBlockSize: d.settings.slotBlockSize });
  const volume = local.slice(0, 4);
  markReceived(db, {
    id,
    at: iso(received),
    seq: nextChangeSeq(db),
    procedure: x.procedure,
    feeAmount: values.feeAmount,
    receipt: { code, lookupCode: freshLookupCode(db), receivedAt: iso(received), appointmentAt: appointment, logBookVolume: volume, logBookEntry: nextLogBookEntry(db, volume), receivedBy: x.clerkId },
  });
  if (beforeOcr.has(x.state) || underReview.has(x.state)) return id;

  // Each step some time after the one before, never after the demo's present.
  const after = (t: number, ms: number) => Math.max(t, Math.min(t + ms, d.now));
  const decide = db.prepare('INSERT INTO review_decisions (dossier_id, round, decision, pages, note, decided_by, decided_at) VALUES (?, 1, ?, ?, ?, ?, ?)');
  const reviewedAt = iso(after(received, HOUR));
  const review = db.prepare('UPDATE dossier_flow SET review_state = ?, review_at = ? WHERE dossier_id = ?');
  if (x.state === 'sent_back') {
    const decision = Number(decide.run(id, 'returned', pageCount, 'Đề nghị quét lại các trang được đánh dấu.', d.supervisorId, reviewedAt).lastInsertRowid);
    const finding = db.prepare('INSERT INTO review_findings (decision_id, idx, page_id, page_position, page_sha256, reason) VALUES (?, ?, ?, ?, ?, ?)');
    const wrong = pageIds.slice(0, 1 + Math.floor(rand() * Math.min(2, pageIds.length)));
    wrong.forEach((pid, i) => finding.run(decision, i, pid, i + 1, d.samples[i % d.samples.length]!.sha256, demoReasons[Math.floor(rand() * demoReasons.length)]!));
    review.run('returned', reviewedAt, id);
    return id;
  }
  decide.run(id, 'approved', pageCount, '', d.supervisorId, reviewedAt);
  review.run('approved', reviewedAt, id);
  if (x.state === 'ready_to_sync') return id;
  if (x.state === 'sync_failed') {
    db.prepare('UPDATE sync_outbox SET attempts = ?, last_error = ? WHERE dossier_id = ?').run(1 + Math.floor(rand() * 5), demoSyncErrors[Math.floor(rand() * demoSyncErrors.length)]!, id);
    return id;
  }

  // At the province: pushed with every page, then its status as pulled back.
  const pushed = after(Date.parse(reviewedAt), HOUR);
  const doc = dossierDocument(db, id)!;
  db.prepare('DELETE FROM sync_outbox WHERE dossier_id = ?').run(id);
  db.prepare('INSERT INTO sync_dossiers (dossier_id, master, pushed_at, upload_pending, bytes_total, bytes_done, uploaded_at) VALUES (?, ?, ?, 0, ?, ?, ?)').run(
    id, JSON.stringify(doc), iso(pushed), doc.pages.reduce((s, p) => s + p.size, 0), doc.pages.reduce((s, p) => s + p.size, 0), iso(pushed + 60_000),
  );
  const due = Date.parse(appointment);
  const status = x.state === 'processing' ? 'processing' : x.state === 'supplement_requested' ? 'supplement_requested' : 'completed';
  const statusAt = after(pushed, x.state === 'processing' ? HOUR : Math.max(HOUR, due - 4 * HOUR - pushed));
  db.prepare(
    `INSERT INTO dossier_province_status (dossier_id, status, note, updated_at, complete, complete_hashes, complete_at, server_seq, pulled_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, (SELECT count(*) + 1 FROM dossier_province_status), ?)`,
  ).run(
    id, status, status === 'supplement_requested' ? 'Đề nghị bổ sung bản sao giấy tờ tùy thân.' : '', iso(statusAt),
    JSON.stringify(doc.pages.map((p) => p.sha256).sort()), iso(pushed + 60_000), iso(statusAt + 60_000),
  );
  if (x.state !== 'handed_back') return id;

  // Mostly on time; one in twelve a day or two late.
  const late = rand() < 1 / 12;
  const handed = after(statusAt, late ? due + (1 + Math.floor(rand() * 2)) * 24 * HOUR - statusAt : Math.max(HOUR, due - 2 * HOUR - statusAt));
  const tz = d.settings.timeZone;
  const onTime = toLocal(new Date(handed), tz).date <= dueDate(toLocal(new Date(due), tz).date, d.calendar);
  db.prepare(
    'INSERT INTO dossier_handbacks (dossier_id, handed_at, handed_by, recipient_name, recipient_id_number, note, on_time) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, iso(handed), x.clerkId, x.person.fullName, x.person.idNumber, '', onTime ? 1 : 0);
  db.prepare('UPDATE dossier_flow SET closed_at = ? WHERE dossier_id = ?').run(iso(handed), id);
  return id;
}
