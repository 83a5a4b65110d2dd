import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors.js';
import { isProblemKey, problems, problemText } from '../../src-shared/i18n/problems/index.js';
import { appRoot } from '../../src-main/kernel/paths.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the problems catalog (src-shared/i18n/problems)', () => {
  it('has every problem in Vietnamese and English with the same placeholders', () => {
    for (const [key, text] of Object.entries(problems)) {
      expect(text.vi.trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
      expect(placeholders(text.en), key).toEqual(placeholders(text.vi));
    }
  });

  it('keeps each feature’s problems in the file of that feature, every file gathered', async () => {
    const dir = join(appRoot(), 'src-shared', 'i18n', 'problems');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !['index.ts', 'problem-text.ts'].includes(f));
    let count = 0;
    for (const f of files) {
      const feature = f.replace(/\.ts$/, '');
      const mod = (await import(join(dir, f))) as Record<string, Record<string, unknown>>;
      const own = mod[`${feature}Problems`];
      expect(own, `${f} exports ${feature}Problems`).toBeDefined();
      for (const key of Object.keys(own!)) {
        expect(key.split('.')[0], `${key} in ${f}`).toBe(feature);
        expect(isProblemKey(key), `${key} gathered in index.ts`).toBe(true);
        count += 1;
      }
    }
    expect(count).toBe(Object.keys(problems).length);
  });

  it('renders parameters, and an AppError carries its problem with the Vietnamese text as its message', () => {
    expect(problemText('en', 'export.pageUnreadable', { position: 3 })).toBe('The image of page 3 cannot be read: its file is missing or damaged.');
    const e = new AppError('CONFLICT', { key: 'export.pageUnreadable', params: { position: 3 } });
    expect(e.problem).toEqual({ key: 'export.pageUnreadable', params: { position: 3 } });
    expect(e.message).toBe('Không đọc được ảnh của trang 3: tệp ảnh bị thiếu hoặc hỏng.');
    expect(new AppError('NOT_FOUND', 'dossiers.notFound').problem).toEqual({ key: 'dossiers.notFound' });
    expect(new AppError('NOT_FOUND').message).toBe('NOT_FOUND');
  });
});
