import { describe, expect, it } from 'vitest';
import { nextInReview, reviewOrder, stepReview, type OcrWordView } from '../../src-renderer/features/ocr/low-confidence.js';

const word = (index: number, confidence: number, corrected = false): OcrWordView => ({
  index,
  text: `w${index}`,
  raw: `w${index}`,
  confidence,
  box: { x0: index * 10, y0: 0, x1: index * 10 + 8, y1: 8 },
  corrected,
});

// Weak words (under 80): 3 (40), 1 (55), 4 (55), 0 (70); 2 is sure, 5 was corrected.
const words = [word(0, 70), word(1, 55), word(2, 96), word(3, 40), word(4, 55), word(5, 10, true)];

describe('OCR review order', () => {
  it('lists weak, uncorrected words lowest confidence first, ties by position', () => {
    expect(reviewOrder(words).map((w) => w.index)).toEqual([3, 1, 4, 0]);
  });

  it('F8 steps forward and Shift+F8 back, wrapping round', () => {
    expect(stepReview(words, null, false)!.index).toBe(3);
    expect(stepReview(words, null, true)!.index).toBe(0);
    expect(stepReview(words, words[1]!, false)!.index).toBe(4);
    expect(stepReview(words, words[0]!, false)!.index).toBe(3); // wraps
    expect(stepReview(words, words[3]!, true)!.index).toBe(0); // wraps back
    expect(stepReview([word(0, 99)], null, false)).toBeNull();
  });

  it('Enter moves on without wrapping: the last weak word ends the review', () => {
    expect(nextInReview(words, words[3]!)!.index).toBe(1);
    expect(nextInReview(words, words[4]!)!.index).toBe(0);
    expect(nextInReview(words, words[0]!)).toBeNull();
    // The word just corrected is no longer in the list: the review goes on from where it stood.
    const afterCorrecting1 = words.map((w) => (w.index === 1 ? { ...w, corrected: true } : w));
    expect(nextInReview(afterCorrecting1, words[1]!)!.index).toBe(4);
    const lastCorrected = words.map((w) => (w.index === 0 ? { ...w, corrected: true } : w));
    expect(nextInReview(lastCorrected, words[0]!)).toBeNull();
  });
});
