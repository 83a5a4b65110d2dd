/**
 * Folding Vietnamese text for search: lower case, no diacritics, đ/Đ (and the look-alike
 * Ð U+00D0 that OCR and old fonts produce) to d. "Nguyễn Văn Đường" folds to
 * "nguyen van duong". SQLite's remove_diacritics does not fold đ: it is a letter of its
 * own (U+0111), not d plus a combining mark, so it is mapped explicitly.
 */

const combiningMarks = /\p{Mn}/u;
const strokeD: Readonly<Record<string, string>> = { đ: 'd', Đ: 'd', Ð: 'd', ð: 'd' };

/** Folds one code point (NFC) to what search compares; '' for a lone combining mark. */
function foldChar(ch: string): string {
  const mapped = strokeD[ch];
  if (mapped) return mapped;
  let out = '';
  for (const c of ch.normalize('NFD')) if (!combiningMarks.test(c)) out += c;
  return out.toLowerCase();
}

/** The folded text. */
export function fold(text: string): string {
  return foldWithMap(text).folded;
}

/**
 * The folded text and, for every UTF-16 unit of it, the index in `text` of the character it
 * came from, so a match found in folded text can be highlighted in the original.
 * `map` has one extra entry at the end (text.length) for exclusive end offsets.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const cluster of clusters(text)) {
    const f = foldChar(cluster.normalize('NFC'));
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += cluster.length;
  }
  map.push(text.length);
  return { folded, map };
}

/** Splits text into a base character followed by its combining marks (so NFD input folds as NFC). */
function* clusters(text: string): Generator<string> {
  let current = '';
  for (const c of text) {
    if (current && !combiningMarks.test(c)) {
      yield current;
      current = '';
    }
    current += c;
  }
  if (current) yield current;
}

/**
 * Search terms of a query, folded: runs of letters and digits, as SQLite FTS5's unicode61
 * tokenizer splits them ('.', '-', '/' and spaces separate terms).
 */
export function foldedTerms(query: string): string[] {
  return fold(query).match(/[\p{L}\p{N}]+/gu) ?? [];
}
