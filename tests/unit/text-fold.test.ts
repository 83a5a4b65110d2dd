import { describe, expect, it } from 'vitest';
import { fold, foldedTerms, foldWithMap } from '../../src-shared/text/fold.js';
import { foldWithMapCached, makeSnippet } from '../../src-main/search/snippet.js';
import { ftsQuery } from '../../src-main/search/search-repo.js';

describe('Vietnamese folding for search', () => {
  it('folds case, every tone and vowel mark, and đ/Đ (and the look-alike Ð) to d', () => {
    expect(fold('Nguyễn Văn Đường')).toBe('nguyen van duong');
    expect(fold('ĐẶNG THỊ ÁNH NGỌC, Ðông')).toBe('dang thi anh ngoc, dong');
    expect(fold('ự ợ ẫ ỹ ắ ề ổ')).toBe('u o a y a e o');
  });

  it('folds decomposed (NFD) input the same as precomposed, with offsets into the original', () => {
    const nfd = 'Nguyễn Đường'.normalize('NFD');
    const { folded, map } = foldWithMap(nfd);
    expect(folded).toBe('nguyen duong');
    expect(folded.length).toBe(12);
    // "duong" starts at the original index of "Đ" and ends at the end of the text.
    expect(nfd.slice(map[7]!, map[12]!)).toBe('Đường'.normalize('NFD'));
  });

  it('splits queries into terms as the FTS tokenizer does, and quotes them so no FTS operator gets through', () => {
    expect(foldedTerms('  Mã hồ sơ: 000.00.53.H48-220921-0099 ')).toEqual(['ma', 'ho', 'so', '000', '00', '53', 'h48', '220921', '0099']);
    expect(foldedTerms('"; DROP -- * OR NEAR(')).toEqual(['drop', 'or', 'near']);
    expect(ftsQuery(['nguyen', 'van', 'du'])).toBe('"nguyen" "van" "du"*');
    expect(ftsQuery(['nguyen', 'van', 'du'], false)).toBe('"nguyen" "van" "du"');
  });
});

describe('search snippets', () => {
  it('highlights the original (accented) words a folded query matched, the last term as a prefix', () => {
    const s = makeSnippet('Họ và tên: Nguyễn Văn Đường, ấp Bình Đường', ['nguyen', 'duo']);
    expect(s.highlights.map((r) => s.text.slice(r.start, r.end))).toEqual(['Nguyễn', 'Đường', 'Đường']);
  });

  it('does not match inside a word for whole terms', () => {
    const s = makeSnippet('Anh Tuấn và Tuấn Anh', ['tu', 'an']);
    expect(s.highlights.map((r) => s.text.slice(r.start, r.end))).toEqual(['Anh', 'Anh']);
  });

  it('cuts long text around the first match on word boundaries, with ellipses, offsets still exact', () => {
    const long = `${'chữ '.repeat(60)}Nguyễn   Văn\nĐường ${'đoạn '.repeat(80)}`;
    const s = makeSnippet(long, ['van', 'duong']);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThan(220);
    expect(s.highlights.map((r) => s.text.slice(r.start, r.end))).toEqual(['Văn', 'Đường']);
  });
});

describe('search snippet folding', () => {
  it('folds with the per-cluster cache exactly as foldWithMap does (NFC, NFD, lone marks, đ look-alikes, other scripts)', () => {
    const samples = [
      'Họ và tên: Nguyễn Văn Đường, ấp Bình Đường',
      'Nguyễn Văn Đường'.normalize('NFD'),
      '\u0301\u0323đầu dòng',
      'x\u0301\u0323y ĐẶNG ÐÔNG ðông',
      '',
      'Straße İstanbul ñ 000.00.53.H48-220921-0099 😀',
    ];
    for (const s of samples) expect(foldWithMapCached(s)).toEqual(foldWithMap(s));
    // Twice: the second time from the cache.
    for (const s of samples) expect(foldWithMapCached(s)).toEqual(foldWithMap(s));
  });

  it('marks the last term as a whole word when the search matched it as one', () => {
    const s = makeSnippet('Xác nhận của Ủy ban nhân dân xã', ['xa'], { prefixLast: false });
    expect(s.highlights.map((r) => s.text.slice(r.start, r.end))).toEqual(['xã']);
    const p = makeSnippet('Xác nhận của Ủy ban nhân dân xã', ['xa']);
    expect(p.highlights.map((r) => p.text.slice(r.start, r.end))).toEqual(['Xác', 'xã']);
  });
});
