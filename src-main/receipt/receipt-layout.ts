import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * A tiny flow layout for the receipt: word-wrapped paragraphs of mixed regular/bold runs,
 * a bordered table whose rows move to a new page when they do not fit, and blocks kept
 * together. Everything drawn stays inside the page margins, whatever the text's length.
 */

/** ISO 216 A5 portrait in PDF points (148 × 210 mm): the size of forms 01–05 (DOMAIN.md). */
export const A5: readonly [number, number] = [419.53, 595.28];

export type Fonts = { regular: PDFFont; bold: PDFFont };
export type Run = { text: string; bold?: boolean };
type Piece = { text: string; font: PDFFont; width: number };
export type Line = { pieces: Piece[]; width: number };
export type Align = 'left' | 'center' | 'right';

const black = rgb(0, 0, 0);

/** Splits text into user-perceived characters: a base code point with its combining marks. */
const graphemes = (s: string): string[] => s.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];

/**
 * Greedy word wrap of `runs` into lines no wider than `fullWidth`. A word wider than a whole
 * line (a 200-character name without spaces) is broken between characters.
 */
export function wrapRuns(runs: readonly Run[], fonts: Fonts, size: number, fullWidth: number, hangingIndent = 0): Line[] {
  const lines: Line[] = [];
  // Lines after the first are narrower by the hanging indent ("Label: value" continuation lines).
  const maxOf = () => (lines.length === 0 ? fullWidth : fullWidth - hangingIndent);
  let line: Line = { pieces: [], width: 0 };
  let pendingSpace: Piece | null = null;
  const push = () => {
    lines.push(line);
    line = { pieces: [], width: 0 };
    pendingSpace = null;
  };
  const append = (p: Piece) => {
    const last = line.pieces[line.pieces.length - 1];
    if (last && last.font === p.font) {
      last.text += p.text;
      last.width += p.width;
    } else line.pieces.push({ ...p });
    line.width += p.width;
  };
  for (const run of runs) {
    const font = run.bold ? fonts.bold : fonts.regular;
    // Keep a leading/trailing space of a run: it separates it from the next run.
    const text = run.text.normalize('NFC').replace(/\s+/gu, ' ');
    for (const token of text.split(/( )/u)) {
      if (token === '') continue;
      const width = font.widthOfTextAtSize(token, size);
      if (token === ' ') {
        if (line.pieces.length > 0) pendingSpace = { text: ' ', font, width };
        continue;
      }
      const space: Piece | null = pendingSpace;
      const spaceWidth = space ? space.width : 0;
      if (line.width + spaceWidth + width <= maxOf()) {
        if (space) append(space);
        pendingSpace = null;
        append({ text: token, font, width });
        continue;
      }
      if (line.pieces.length > 0) push();
      if (width <= maxOf()) {
        append({ text: token, font, width });
        continue;
      }
      for (const g of graphemes(token)) {
        const w = font.widthOfTextAtSize(g, size);
        if (line.width + w > maxOf() && line.pieces.length > 0) push();
        append({ text: g, font, width: w });
      }
    }
  }
  if (line.pieces.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

export type FlowOptions = {
  margins: { top: number; right: number; bottom: number; left: number };
  /** Drawn at the top of every page after the first (e.g. the dossier code); moves `flow.y` down. */
  continuationHeader?: (flow: Flow) => void;
};

export type ParagraphOptions = {
  size?: number;
  align?: Align;
  /** Left edge and width of the column; default: the whole text area. */
  x?: number;
  width?: number;
  /** Indent of lines after the first (hanging indent for "Label: value" lines). */
  hangingIndent?: number;
  spaceAfter?: number;
};

/** Cursor over pages of one document: `y` is the top of the next line, in PDF points from the bottom. */
export class Flow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** Where content starts on the current page: a page with nothing on it is never left for another. */
  private pageTop = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly options: FlowOptions,
  ) {
    this.newPage();
  }

  get left(): number {
    return this.options.margins.left;
  }
  get right(): number {
    return A5[0] - this.options.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get bottom(): number {
    return this.options.margins.bottom;
  }

  newPage(): void {
    this.page = this.doc.addPage([A5[0], A5[1]]);
    this.pages.push(this.page);
    this.y = A5[1] - this.options.margins.top;
    if (this.pages.length > 1) this.options.continuationHeader?.(this);
    this.pageTop = this.y;
  }

  /** Starts a new page unless `height` more points fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < this.bottom && this.y < this.pageTop) this.newPage();
  }

  static lineHeight(size: number): number {
    // 1.25 em leading: room for Vietnamese stacked diacritics (Ễ, Ộ) without crowding an A5 page.
    return size * 1.25;
  }

  /** Draws wrapped lines at the cursor (no page break inside); returns the height used. */
  drawLines(lines: readonly Line[], size: number, x: number, width: number, align: Align, top = this.y): number {
    const lh = Flow.lineHeight(size);
    lines.forEach((line, i) => {
      let cx = x + (align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0);
      // Baseline one em below the line's top: Noto Serif's capitals with Vietnamese stacked
      // marks (Ấ, Ỗ) reach about 1.0 em above the baseline, descenders 0.25 em below it.
      const baseline = top - i * lh - size;
      for (const p of line.pieces) {
        this.page.drawText(p.text, { x: cx, y: baseline, size, font: p.font, color: black });
        cx += p.width;
      }
    });
    return lines.length * lh;
  }

  /** A wrapped paragraph; breaks to a new page between lines when needed. */
  paragraph(runs: readonly Run[], opts: ParagraphOptions = {}): void {
    const size = opts.size ?? 10;
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.width;
    const hanging = opts.hangingIndent ?? 0;
    const lines = wrapRuns(runs, this.fonts, size, width, hanging);
    const lh = Flow.lineHeight(size);
    lines.forEach((line, i) => {
      this.ensure(lh);
      this.drawLines([line], size, x + (i > 0 ? hanging : 0), width - (i > 0 ? hanging : 0), opts.align ?? 'left');
      this.y -= lh;
    });
    this.y -= opts.spaceAfter ?? 2;
  }

  /** A horizontal rule (the short lines under the form's header). */
  rule(x1: number, x2: number, y: number, thickness = 0.6): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: black });
  }

  box(x: number, top: number, width: number, height: number): void {
    this.page.drawRectangle({ x, y: top - height, width, height, borderWidth: 0.5, borderColor: black });
  }
}


/** A table column; width 0 = takes the width the other columns leave (one such column). */
export type Column = { header: string; width: number; align: Align };

/**
 * A bordered table filling the text width.
 * Rows never split: one that does not fit goes to the next page, under a repeated header.
 */
export function drawTable(flow: Flow, columns: readonly Column[], rows: readonly (readonly string[])[], size = 8.5): void {
  const pad = 2;
  const fixed = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width > 0 ? c.width : flow.width - fixed));
  const lh = Flow.lineHeight(size);
  const drawRow = (cells: readonly string[], bold: boolean): void => {
    const wrapped = cells.map((cell, i) => wrapRuns([{ text: cell, bold }], flow.fonts, size, widths[i]! - 2 * pad));
    const height = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * pad;
    flow.ensure(height);
    let x = flow.left;
    wrapped.forEach((lines, i) => {
      const w = widths[i]!;
      flow.box(x, flow.y, w, height);
      flow.drawLines(lines, size, x + pad, w - 2 * pad, bold ? 'center' : columns[i]!.align, flow.y - pad);
      x += w;
    });
    flow.y -= height;
  };
  const header = columns.map((c) => c.header);
  const headerHeight = lh + 2 * pad;
  rows.forEach((row, i) => {
    // The header goes with the first row, and again at the top of every page the table reaches.
    const rowLines = Math.max(...row.map((cell, j) => wrapRuns([{ text: cell }], flow.fonts, size, widths[j]! - 2 * pad).length));
    if (i === 0) flow.ensure(headerHeight + rowLines * lh + 2 * pad);
    const pageBefore = flow.page;
    if (i === 0) drawRow(header, true);
    else {
      flow.ensure(rowLines * lh + 2 * pad);
      if (flow.page !== pageBefore) drawRow(header, true);
    }
    drawRow(row, false);
  });
  flow.y -= 4;
}
