import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract/commands.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
afterEach(() => core?.cleanup());

// 079 = Hồ Chí Minh City, 2 = born in the 2000s and male, 03 = 2003.
const applicant = { fullName: 'Nguyễn Văn An', idNumber: '079203001234', dateOfBirth: '2003-05-10', sex: 'male' as const, phone: '0909 123 456', address: '12 Lê Lợi, phường Bến Thành' };
const certification = (pages: number, copies: number): CommandInput<'dossiers.create'> => ({ procedureCode: '2.000815', applicant, components: [], pages, copies });
const count = (c: TestCore, table: string) => (c.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('catalog', () => {
  it('lists the seeded procedures in force today with components, times and fees', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const list = await core.must('catalog.procedures', {}, token);
    const codes = list.map((p) => p.code);
    for (const code of ['1.001193', '1.000894', '1.000656', '1.004873', '1.001022', '2.000815', '2.000884', '1.001612']) expect(codes).toContain(code);
    const cert = list.find((p) => p.code === '2.000815')!;
    expect(cert).toMatchObject({ category: 'certification', processingDays: 0, countsPages: true });
    expect(cert.fee).toEqual({ kind: 'per_page_tiered', firstPages: 2, firstPagePrice: 2000, nextPagePrice: 1000, capPerCopy: 200000 });
    expect(list.find((p) => p.code === '1.001193')!.components.map((c) => c.name)).toContain('Giấy chứng sinh');
    expect(list.find((p) => p.code === '1.004873')!.processingDays).toBe(3);
  });

  it('is dated: before the 2025-07-01 rows take effect the catalog is empty', async () => {
    core = makeCore('2025-06-30T09:00:00+07:00');
    const token = await setUpDesk(core);
    expect(await core.must('catalog.procedures', {}, token)).toEqual([]);
  });
});

describe('certification: create and receive', () => {
  it('works with pages and copies only: default components, server-side fee, code, lookup code, appointment, log book', async () => {
    core = makeCore('2026-03-02T09:00:00+07:00');
    const token = await setUpDesk(core);
    const draft = await core.must('dossiers.create', certification(3, 2), token);
    expect(draft).toMatchObject({ status: 'draft', code: null, lookupCode: null, feeAmount: 10000, procedureName: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' });
    expect(draft.components).toEqual([
      { name: 'Bản chính giấy tờ, văn bản', kind: 'original', quantity: 1, received: true },
      { name: 'Bản sao cần chứng thực', kind: 'photocopy', quantity: 2, received: true },
    ]);
    const d = await core.must('dossiers.receive', { id: draft.id }, token);
    expect(d.status).toBe('received');
    expect(d.code).toBe('000.00.53.H48-260302-0001');
    expect(d.lookupCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(d.receivedAt).toBe('2026-03-02T02:00:00.000Z');
    // Same day, returned at 16:00 local.
    expect(d.appointmentAt).toBe('2026-03-02T09:00:00.000Z');
    expect(d.logBook).toEqual({ volume: '2026', entry: 1 });
    expect(d.receivedBy).toBe(d.createdBy);
    expect(d.feeAmount).toBe(10000);
    const again = await core.must('dossiers.create', certification(1, 1), token);
    const d2 = await core.must('dossiers.receive', { id: again.id }, token);
    expect(d2.code).toBe('000.00.53.H48-260302-0002');
    expect(d2.logBook).toEqual({ volume: '2026', entry: 2 });
    expect(d2.lookupCode).not.toBe(d.lookupCode);
    expect(await core.must('dossiers.get', { id: d.id }, token)).toEqual(d);
  });

  it('after 15:00 the certification is due the next working day (Friday → Monday)', async () => {
    core = makeCore('2026-03-06T15:30:00+07:00');
    const token = await setUpDesk(core);
    const draft = await core.must('dossiers.create', certification(1, 1), token);
    const d = await core.must('dossiers.receive', { id: draft.id }, token);
    expect(d.appointmentAt).toBe('2026-03-09T09:00:00.000Z');
    expect(d.code).toBe('000.00.53.H48-260306-0001');
  });

  it('never trusts a fee from the client', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const d = await core.must('dossiers.create', { ...certification(1, 1), feeAmount: 1 } as CommandInput<'dossiers.create'>, token);
    expect(d.feeAmount).toBe(2000);
  });

  it('refuses to receive a certification without pages or copies, storing nothing', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const draft = await core.must('dossiers.create', certification(0, 0), token);
    const audit = count(core, 'audit_log');
    const r = await core.call('dossiers.receive', { id: draft.id }, token);
    expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    if (!r.ok) expect(r.error.fields).toMatchObject({ pages: 'required', copies: 'required' });
    expect((await core.must('dossiers.get', { id: draft.id }, token)).status).toBe('draft');
    expect(count(core, 'code_sequences')).toBe(0);
    expect(count(core, 'audit_log')).toBe(audit);
  });
});

describe('drafts', () => {
  it('updates a draft, bumps its seq, recomputes the fee, then refuses edits once received', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const draft = await core.must('dossiers.create', { procedureCode: '1.004873', applicant, components: [] }, token);
    expect(draft.processingDays).toBe(3);
    const seq1 = (core.db.prepare('SELECT seq FROM dossiers WHERE id = ?').get(draft.id) as { seq: number }).seq;
    const updated = await core.must('dossiers.update', { id: draft.id, draft: { ...certification(5, 1), note: 'đổi thủ tục' } }, token);
    expect(updated).toMatchObject({ procedureCode: '2.000815', feeAmount: 7000, note: 'đổi thủ tục', pages: 5, copies: 1 });
    const seq2 = (core.db.prepare('SELECT seq FROM dossiers WHERE id = ?').get(draft.id) as { seq: number }).seq;
    expect(seq2).toBeGreaterThan(seq1);
    await core.must('dossiers.receive', { id: draft.id }, token);
    const r = await core.call('dossiers.update', { id: draft.id, draft: certification(1, 1) }, token);
    expect(r.ok ? null : r.error.code).toBe('NOT_DRAFT');
    const r2 = await core.call('dossiers.receive', { id: draft.id }, token);
    expect(r2.ok ? null : r2.error.code).toBe('NOT_DRAFT');
    expect((await core.must('dossiers.get', { id: draft.id }, token)).pages).toBe(5);
  });

  it('pushes each write to the replication feed and the audit chain, without the applicant in the details', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const pushed: number[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'replication.dossiers') pushed.push(...(payload as { documents: { seq: number }[] }).documents.map((d) => d.seq));
    });
    const draft = await core.must('dossiers.create', certification(2, 1), token);
    await core.must('dossiers.update', { id: draft.id, draft: certification(2, 3) }, token);
    await core.must('dossiers.receive', { id: draft.id }, token);
    expect(pushed).toHaveLength(3);
    expect([...pushed].sort((a, b) => a - b)).toEqual(pushed);
    const rows = core.db.prepare('SELECT action, details FROM audit_log WHERE dossier_id = ? ORDER BY seq').all(draft.id) as { action: string; details: string }[];
    expect(rows.map((r) => r.action)).toEqual(['dossiers.create', 'dossiers.update', 'dossiers.receive']);
    expect((JSON.parse(rows[1]!.details) as { changed: string[] }).changed.sort()).toEqual(['components', 'copies', 'feeAmount']);
    for (const r of rows) {
      expect(r.details).not.toContain(applicant.fullName);
      expect(r.details).not.toContain(applicant.idNumber);
    }
    expect((await core.must('audit.verify', {}, token)).valid).toBe(true);
  });

  it('requires the required components to be ticked before receiving', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const draft = await core.must(
      'dossiers.create',
      { procedureCode: '1.001193', applicant, components: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', quantity: 1, received: true }] },
      token,
    );
    const r = await core.call('dossiers.receive', { id: draft.id }, token);
    expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    if (!r.ok) expect(r.error.message).toContain('Giấy chứng sinh');
    await core.must(
      'dossiers.update',
      {
        id: draft.id,
        draft: {
          procedureCode: '1.001193',
          applicant,
          components: [
            { name: 'Tờ khai đăng ký khai sinh', kind: 'original', quantity: 1, received: true },
            { name: 'giấy  chứng sinh', kind: 'original', quantity: 1, received: true },
          ],
        },
      },
      token,
    );
    expect((await core.must('dossiers.receive', { id: draft.id }, token)).status).toBe('received');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const r = await core.call('dossiers.get', { id: '00000000-0000-4000-8000-000000000000' }, token);
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
  });
});
