import sharp from 'sharp';
import type { User } from '../../src-shared/contract/schemas.js';
import { makeCore, setUpDesk, type TestCore } from './core.js';

/** A set-up desk's core with its admin signed in: what a dossier needs, server or not. */
export type LocalDesk = { core: TestCore; token: string; user: User };

/** A set-up desk with no server (unit tests of the sync steps); `core.cleanup()` when done. */
export async function localDesk(): Promise<LocalDesk> {
  const core = makeCore();
  const token = await setUpDesk(core);
  const user = (await core.must('auth.me', {}, token)) as User;
  return { core, token, user };
}

/**
 * Creates a dossier with these page images and receives it (a draft when `receive` is false).
 * Pages go in through the page service, as an import would.
 */
export async function addDossier(d: LocalDesk, pages: readonly Buffer[], { receive = true } = {}): Promise<string> {
  const draft = await d.core.must(
    'dossiers.create',
    { procedureCode: '2.000815', applicant: { fullName: 'Trần Thị Bình', idNumber: '079185001234' }, components: [], pages: 2, copies: 1 },
    d.token,
  );
  if (pages.length > 0) {
    const files = pages.map((data, i) => ({ name: `trang-${i}.png`, data: Buffer.from(data) }));
    await d.core.pages.importFiles({ dossierId: draft.id, componentPosition: null, insertAt: null, files, userId: d.user.id });
  }
  if (receive) await d.core.must('dossiers.receive', { id: draft.id }, d.token);
  return draft.id;
}

let shade = 0;
/** A small PNG unlike any other made in this test file (its own number drawn on it), so every page has its own hash. */
export async function distinctPng(size = 64): Promise<Buffer> {
  shade += 1;
  return sharp({ create: { width: size, height: size, channels: 3, background: { r: (shade * 37) % 256, g: (shade * 91) % 256, b: 200 } } })
    .composite([{ input: Buffer.from(`<svg width="${size}" height="${size}"><text x="5" y="${Math.min(40, size - 4)}" font-size="${Math.min(30, size / 2)}">${shade}</text></svg>`) }])
    .png()
    .toBuffer();
}

export const distinctPngs = (n: number, size?: number): Promise<Buffer[]> => Promise.all(Array.from({ length: n }, () => distinctPng(size)));

/** Noise does not compress: a page of a few hundred KB, enough to be cut mid-file. */
export const noisePng = (seed: number): Promise<Buffer> =>
  sharp({ create: { width: 420, height: 420, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian' as const, mean: 100 + seed, sigma: 60 } } })
    .png()
    .toBuffer();
