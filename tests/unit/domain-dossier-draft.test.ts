import { describe, expect, it } from 'vitest';
import { DossierDraftInput, type Procedure } from '../../src-shared/contract/schemas.js';
import { defaultComponents, missingRequiredComponents } from '../../src-shared/domain/dossier-components.js';
import { changedFields, draftValues, receiveIssues } from '../../src-shared/domain/dossier-draft.js';
import { holidayYearIssues } from '../../src-shared/domain/holiday-year.js';

const certification: Procedure = {
  code: '2.000815',
  name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
  category: 'certification',
  processingDays: 0,
  components: [
    { name: 'Bản chính giấy tờ, văn bản', defaultKind: 'original', defaultQuantity: 1, required: true },
    { name: 'Bản sao cần chứng thực', defaultKind: 'photocopy', defaultQuantity: 1, required: true },
  ],
  fee: { kind: 'per_page_tiered', firstPages: 2, firstPagePrice: 2000, nextPagePrice: 1000, capPerCopy: 200000 },
  countsPages: true,
};
const marital: Procedure = {
  ...certification,
  code: '1.004873',
  name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  category: 'civil_status',
  processingDays: 3,
  components: [
    { name: 'Tờ khai', defaultKind: 'original', defaultQuantity: 1, required: true },
    { name: 'Giấy tờ ly hôn (nếu có)', defaultKind: 'certified_copy', defaultQuantity: 1, required: false },
  ],
  fee: { kind: 'none' },
  countsPages: false,
};
const input = (extra: Record<string, unknown> = {}) =>
  DossierDraftInput.parse({ procedureCode: 'x', applicant: { fullName: 'Phạm Minh', idNumber: '123456789' }, components: [], ...extra });

describe('draft values', () => {
  it('fills certification components from the catalog, photocopies following the copies', () => {
    expect(defaultComponents(certification, 4)).toEqual([
      { name: 'Bản chính giấy tờ, văn bản', kind: 'original', quantity: 1, received: true },
      { name: 'Bản sao cần chứng thực', kind: 'photocopy', quantity: 4, received: true },
    ]);
    const v = draftValues(certification, input({ pages: 3, copies: 4 }));
    expect(v).toMatchObject({ procedureCode: '2.000815', processingDays: 0, pages: 3, copies: 4, feeAmount: 20000 });
  });
  it('leaves optional components unticked and ignores pages where the procedure does not count them', () => {
    const v = draftValues(marital, input({ pages: 9, copies: 9 }));
    expect(v.components.map((c) => c.received)).toEqual([true, false]);
    expect([v.pages, v.copies, v.feeAmount, v.processingDays]).toEqual([0, 0, 0, 3]);
  });
  it('keeps the components the clerk sent', () => {
    const sent = [{ name: 'Tờ khai', kind: 'original' as const, quantity: 2, received: true }];
    expect(draftValues(marital, input({ components: sent })).components).toEqual(sent);
  });
});

describe('receive checks', () => {
  it('requires pages and copies for certification, and every required component received', () => {
    expect(receiveIssues(certification, { pages: 0, copies: 1, components: defaultComponents(certification, 1) }).fields).toEqual({ pages: 'required' });
    const none = receiveIssues(marital, { pages: 0, copies: 0, components: [] });
    expect(none).toEqual({ fields: { components: 'components.missingRequired' }, missing: ['Tờ khai'] });
    expect(receiveIssues(marital, { pages: 0, copies: 0, components: defaultComponents(marital, 0) }).fields).toEqual({});
  });
  it('matches component names ignoring case and spacing, but not unticked ones', () => {
    expect(missingRequiredComponents(marital, [{ name: '  TỜ   KHAI ', kind: 'original', quantity: 1, received: true }])).toEqual([]);
    expect(missingRequiredComponents(marital, [{ name: 'Tờ khai', kind: 'original', quantity: 1, received: false }])).toEqual(['Tờ khai']);
  });
});

describe('audit helpers', () => {
  it('names the changed fields, not their values', () => {
    const a = draftValues(certification, input({ pages: 1, copies: 1 }));
    const b = draftValues(certification, input({ pages: 1, copies: 1, applicant: { fullName: 'Phạm Minh Châu', idNumber: '123456789' } }));
    expect(changedFields(a, b)).toEqual(['applicant.fullName']);
    expect(changedFields(a, a)).toEqual([]);
  });
  it('checks a holiday year', () => {
    expect(holidayYearIssues(2026, [{ date: '2026-04-30', name: 'A', kind: 'holiday' }])).toEqual({});
    expect(
      holidayYearIssues(2026, [
        { date: '2026-04-31', name: 'A', kind: 'holiday' },
        { date: '2025-05-01', name: 'B', kind: 'holiday' },
        { date: '2026-05-01', name: 'C', kind: 'holiday' },
        { date: '2026-05-01', name: 'D', kind: 'holiday' },
      ]),
    ).toEqual({ 'holidays.0.date': 'date.format', 'holidays.1.date': 'date.format', 'holidays.3.date': 'holiday.duplicate' });
  });
});
