/**
 * Character and word error rates (edit distance / reference length), as OCR benchmarks
 * report them. Both sides are NFC-normalised and whitespace runs collapsed first, so a
 * precomposed and a decomposed "ễ" count as the same character.
 */

function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const normalise = (t: string) => t.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Character error rate of `hypothesis` against `reference` (0 = perfect; may exceed 1). */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const r = [...normalise(reference)];
  const h = [...normalise(hypothesis)];
  return r.length === 0 ? (h.length === 0 ? 0 : 1) : editDistance(r, h) / r.length;
}

/** Word error rate: the same on whitespace-separated words. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const r = normalise(reference).split(' ').filter(Boolean);
  const h = normalise(hypothesis).split(' ').filter(Boolean);
  return r.length === 0 ? (h.length === 0 ? 0 : 1) : editDistance(r, h) / r.length;
}
