import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract/commands.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore;
let token: string;
beforeEach(async () => {
  core = makeCore();
  token = await setUpDesk(core);
});
afterEach(() => core.cleanup());

const applicant = { fullName: 'Lê Thị Cúc', idNumber: '079303004567', dateOfBirth: '2003-02-01', sex: 'female' as const };
const base: CommandInput<'dossiers.create'> = { procedureCode: '2.000815', applicant, components: [], pages: 2, copies: 1 };
const tables = ['dossiers', 'dossier_components', 'audit_log', 'code_sequences'] as const;
const counts = () => Object.fromEntries(tables.map((t) => [t, (core.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));

/** Calls create with bad input and checks the error and that no row was written anywhere. */
async function refused(input: unknown, field: string, key?: string) {
  const before = counts();
  const r = await core.call('dossiers.create', input as CommandInput<'dossiers.create'>, token);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('VALIDATION');
  // A specific problem when main names one, else the generic text; the fields say which.
  if (!r.error.problem) expect(r.error.message).toMatch(/Thông tin nhập chưa hợp lệ/);
  expect(Object.keys(r.error.fields ?? {})).toContain(field);
  if (key) expect(r.error.fields?.[field]).toBe(key);
  expect(counts()).toEqual(before);
  return r.error;
}

describe('bad input to dossiers.create stores nothing', () => {
  it('CCCD with an unknown province code', async () => {
    const e = await refused({ ...base, applicant: { ...applicant, idNumber: '999303004567' } }, 'applicant.idNumber', 'id.province');
    expect(e?.message).toMatch(/mã tỉnh/);
  });
  it('CCCD whose century/year digits disagree with the date of birth', async () => {
    await refused({ ...base, applicant: { ...applicant, dateOfBirth: '1990-02-01' } }, 'applicant.idNumber', 'id.birthYearMismatch');
  });
  it('CCCD with letters or the wrong length', async () => {
    await refused({ ...base, applicant: { ...applicant, idNumber: '07930300456A' } }, 'applicant.idNumber', 'id.format');
    await refused({ ...base, applicant: { ...applicant, idNumber: '0793030045' } }, 'applicant.idNumber', 'id.format');
  });
  it('a 10 kB applicant name', async () => {
    await refused({ ...base, applicant: { ...applicant, fullName: 'Nguyễn '.repeat(1500) } }, 'applicant.fullName', 'text.tooLong');
  });
  it('missing required fields', async () => {
    await refused({ ...base, applicant: { ...applicant, fullName: '   ' } }, 'applicant.fullName', 'required');
    await refused({ ...base, procedureCode: '' }, 'procedureCode', 'required');
    await refused({ procedureCode: '2.000815', components: [] }, 'applicant');
    await refused({ ...base, applicant: { fullName: 'A B' } }, 'applicant.idNumber');
  });
  it('an unknown procedure code', async () => {
    const e = await refused({ ...base, procedureCode: '9.999999' }, 'procedureCode', 'procedure.unknown');
    expect(e?.problem).toEqual({ key: 'dossiers.procedureUnknown', params: { code: '9.999999' } });
    expect(e?.message).toContain('9.999999');
  });
  it('a bad component (quantity 0) and an invalid update leave the draft as it was', async () => {
    await refused({ ...base, components: [{ name: 'Bản chính', kind: 'original', quantity: 0, received: true }] }, 'components.0.quantity', 'quantity.range');
    const draft = await core.must('dossiers.create', base, token);
    const before = counts();
    const r = await core.call('dossiers.update', { id: draft.id, draft: { ...base, applicant: { ...applicant, idNumber: '999303004567' } } }, token);
    expect(r.ok ? null : r.error.code).toBe('VALIDATION');
    const r2 = await core.call('dossiers.update', { id: draft.id, draft: { ...base, procedureCode: 'không-có' } }, token);
    expect(r2.ok ? null : r2.error.code).toBe('VALIDATION');
    expect(counts()).toEqual(before);
    expect(await core.must('dossiers.get', { id: draft.id }, token)).toEqual(draft);
  });
});

describe('SQL and HTML in names are stored verbatim and harmless', () => {
  it.each([
    ["Robert'); DROP TABLE dossiers;--"],
    ['<script>alert(1)</script>'],
    ['" OR 1=1 --'],
  ])('%s', async (name) => {
    const d = await core.must('dossiers.create', { ...base, applicant: { ...applicant, fullName: name, address: name }, note: name }, token);
    const got = await core.must('dossiers.get', { id: d.id }, token);
    expect(got.applicant.fullName).toBe(name);
    expect(got.applicant.address).toBe(name);
    expect(got.note).toBe(name);
    const received = await core.must('dossiers.receive', { id: d.id }, token);
    expect(received.applicant.fullName).toBe(name);
    // The tables are all still there.
    expect(counts().dossiers).toBe(1);
    const tablesLeft = (core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tablesLeft).toEqual(expect.arrayContaining(['dossiers', 'dossier_components', 'audit_log', 'procedures']));
  });
});
