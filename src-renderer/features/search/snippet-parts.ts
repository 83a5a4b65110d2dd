/** A snippet cut into plain and highlighted parts, to render as text nodes and <mark> elements. */
export type SnippetPart = { text: string; highlight: boolean };

/**
 * Splits `text` at the [start, end) highlight ranges main sends (sorted or not, possibly
 * overlapping, possibly out of range): the text is never parsed as markup.
 */
export function snippetParts(text: string, highlights: readonly { start: number; end: number }[]): SnippetPart[] {
  const ranges = highlights
    .map((h) => ({ start: Math.max(0, Math.min(text.length, h.start)), end: Math.max(0, Math.min(text.length, h.end)) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const r of ranges) {
    const start = Math.max(r.start, at);
    if (r.end <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), highlight: false });
    parts.push({ text: text.slice(start, r.end), highlight: true });
    at = r.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), highlight: false });
  return parts;
}
