/** Rebuilds a page's text from its words (after a clerk corrects one): words of a line joined by spaces, paragraphs by a blank line. */
export function textFromWords(words: readonly { text: string; line: number; paragraph: number }[]): string {
  let out = '';
  let prev: { line: number; paragraph: number } | null = null;
  for (const w of words) {
    if (prev) out += w.paragraph !== prev.paragraph ? '\n\n' : w.line !== prev.line ? '\n' : ' ';
    out += w.text;
    prev = w;
  }
  return out;
}
