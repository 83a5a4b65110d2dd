import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandInput } from '../../src-shared/contract/commands.js';
import type { TestCore } from './core.js';

export const staffPassword = 'mat-khau-can-bo-2026';

/** Creates an account (as the admin) and signs it in; returns its id and session token. */
export async function person(core: TestCore, admin: string, username: string, fullName: string, role: 'clerk' | 'supervisor'): Promise<{ id: string; token: string }> {
  const user = await core.must('users.create', { username, fullName, role, password: staffPassword }, admin);
  const { sessionToken } = await core.must('auth.login', { username, password: staffPassword });
  return { id: user.id, token: sessionToken };
}

/** Civil-status dossier with two required components (3 working days). */
export const maritalStatus: CommandInput<'dossiers.create'> = {
  procedureCode: '1.004873',
  applicant: { fullName: 'Lê Thị Hoa', idNumber: '079185001234' },
  components: [
    { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', kind: 'original', quantity: 1, received: true },
    { name: 'Giấy tờ chứng minh đã ly hôn', kind: 'certified_copy', quantity: 1, received: true },
  ],
};

/** One of the demo scanner's sample pages (a real image for the import pipeline). */
export const samplePage = (n = 1) => readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'demo-pages', `page-0${n}.png`)).toString('base64');

/** A received dossier with one imported page per component. */
export async function receivedWithPages(core: TestCore, token: string, draft = maritalStatus): Promise<{ id: string; pageIds: string[] }> {
  const d = await core.must('dossiers.create', draft, token);
  await core.must('dossiers.receive', { id: d.id }, token);
  const pageIds: string[] = [];
  for (let c = 1; c <= draft.components.length; c++) {
    const { pages } = await core.must('pages.importFiles', { dossierId: d.id, componentPosition: c, files: [{ name: `trang-${c}.png`, base64: samplePage(c) }] }, token);
    pageIds.push(...pages.map((p) => p.id));
  }
  return { id: d.id, pageIds };
}
