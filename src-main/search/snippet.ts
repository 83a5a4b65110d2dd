import { foldWithMap } from '../../src-shared/text/fold.js';

export type Snippet = { text: string; highlights: { start: number; end: number }[] };

/** Characters of context shown on each side of the first match. */
const CONTEXT = 60;

/**
 * Highlights the query terms in the original text: matching is done on the folded text (as the
 * index does), then mapped back, so "duong" highlights "Đường". Terms match as whole words, the
 * last one as a prefix when the search matched it so (the clerk may still be typing: see
 * search-repo.ts), so the marks show what the search found.
 */
export function makeSnippet(original: string, terms: readonly string[], options: { prefixLast?: boolean; context?: number } = {}): Snippet {
  const { prefixLast = true, context = CONTEXT } = options;
  const { folded, map } = foldWithMapCached(original);
  const ranges: { start: number; end: number }[] = [];
  terms.forEach((term, i) => {
    const prefix = prefixLast && i === terms.length - 1;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${term}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'gu');
    for (const m of folded.matchAll(re)) {
      let endF = m.index + m[0].length;
      // A prefix match highlights the whole word it starts.
      if (prefix) while (endF < folded.length && /[\p{L}\p{N}]/u.test(folded[endF]!)) endF += 1;
      ranges.push({ start: map[m.index]!, end: map[endF] ?? original.length });
    }
  });
  ranges.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const first = merged[0];
  let from = first ? Math.max(0, first.start - context) : 0;
  let to = Math.min(original.length, (first ? first.end : 0) + context * 2);
  // Cut at spaces so the snippet starts and ends on whole words.
  if (from > 0) {
    const space = original.indexOf(' ', from);
    if (space !== -1 && first && space < first.start) from = space + 1;
  }
  if (to < original.length) {
    const space = original.lastIndexOf(' ', to);
    if (space > (first?.end ?? 0)) to = space;
  }
  const slice = original.slice(from, to);
  const text = `${from > 0 ? '…' : ''}${slice.replace(/\s+/g, ' ')}${to < original.length ? '…' : ''}`;
  // Offsets are recomputed after whitespace runs collapse, so they stay exact.
  const shift = from > 0 ? 1 : 0;
  const collapsedIndex = (i: number) => shift + original.slice(from, i).replace(/\s+/g, ' ').length;
  const highlights = merged.filter((r) => r.start >= from && r.end <= to).map((r) => ({ start: collapsedIndex(r.start), end: collapsedIndex(r.end) }));
  return { text, highlights };
}

const combiningMark = /\p{Mn}/u;
// Below U+0300 (Combining Grave Accent, the first Mn) no character is a combining mark.
const isMark = (c: string) => c.charCodeAt(0) >= 0x300 && combiningMark.test(c);
const foldedClusters = new Map<string, string>();

/**
 * foldWithMap, one distinct cluster (a base character and its combining marks) at a time: page
 * text repeats a few hundred characters, and folding each occurrence anew (two normalizations a
 * character) was most of a search's time once the query itself was bounded (bench:search).
 * Same result as foldWithMap (unit test).
 */
export function foldWithMapCached(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let start = 0;
  let i = 0;
  const flush = () => {
    const c = text.slice(start, i);
    let f = foldedClusters.get(c);
    if (f === undefined) {
      f = foldWithMap(c).folded;
      // Bounded: Vietnamese text has a few hundred distinct clusters; odd input must not grow it for ever.
      if (foldedClusters.size < 10_000) foldedClusters.set(c, f);
    }
    for (let k = 0; k < f.length; k++) map.push(start);
    folded += f;
  };
  for (const c of text) {
    if (i > start && !isMark(c)) {
      flush();
      start = i;
    }
    i += c.length;
  }
  if (i > start) flush();
  map.push(text.length);
  return { folded, map };
}
