import { AppError } from '../../src-shared/contract/errors.js';
import { MAX_INPUT_PIXELS } from './limits.js';

/** Refusals of bad input (src-shared/i18n/problems/imaging.ts has the texts); `name` is the file's, when there is one. */
const file = (name?: string) => ({ file: name ?? '—' });

export const imageErrors = {
  notAnImage: (name?: string) => new AppError('VALIDATION', { key: 'imaging.notAnImage', params: file(name) }),
  corrupt: (name?: string) => new AppError('VALIDATION', { key: 'imaging.corrupt', params: file(name) }),
  tooLarge: (name?: string, pixels?: number) =>
    new AppError('VALIDATION', {
      key: 'imaging.tooLarge',
      params: { ...file(name), megapixels: pixels ? Math.round(pixels / 1e6) : '?', limit: MAX_INPUT_PIXELS / 1e6 },
    }),
  tooSmall: (name?: string) => new AppError('VALIDATION', { key: 'imaging.tooSmall', params: file(name) }),
  badFrame: () => new AppError('VALIDATION', 'imaging.badFrame'),
  pdfLocked: (name?: string) => new AppError('VALIDATION', { key: 'imaging.pdfLocked', params: file(name) }),
  noPages: (name?: string) => new AppError('VALIDATION', { key: 'imaging.noPages', params: file(name) }),
};
