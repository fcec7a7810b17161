/**
 * Writing tagged text that flows down the pages: headings, paragraphs and lists, each one a
 * structure element (H2, P, L > LI > Lbl + LBody) whose content is marked, so a screen reader
 * reads the compte-rendu in order and with its structure. pdfkit carries a marked sequence over
 * a page break itself; new pages are only started here between elements, never inside one.
 */
import type { Glyphs } from './fonts.js';
import { COLORS, FONT, TYPE } from './style.js';
import type { HeadingLevel } from './style.js';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

export interface ListItem {
  /** the visible label: « • », « 1. », « ★ » */
  label: string;
  text: string;
  /** a second, muted line: the author, the group, the votes */
  byline?: string;
  bold?: boolean;
}

export class Flow {
  constructor(
    readonly doc: Doc,
    readonly glyphs: Glyphs,
  ) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.maxY();
  }

  get atPageTop(): boolean {
    return this.doc.y <= this.doc.page.margins.top + 0.5;
  }

  /** Starts a new page when less than `height` is left on this one. */
  keep(height: number): void {
    if (!this.atPageTop && this.doc.y + height > this.bottom) this.doc.addPage();
  }

  space(points: number): void {
    if (!this.atPageTop) this.doc.y = Math.min(this.doc.y + points, this.bottom);
  }

  /**
   * `doc.text` in runs: emoji in the emoji font, the rest in the text font (bold or not), as
   * one flowing text. The first run is placed at (x, y); the others continue it.
   */
  write(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions, bold = false): void {
    const runs = this.glyphs.runs(text);
    if (runs.every((run) => !run.emoji)) {
      this.doc.font(bold ? FONT.bold : FONT.regular).text(runs.map((r) => r.text).join(''), x, y, options);
      return;
    }
    runs.forEach((run, i) => {
      this.doc.font(run.emoji ? (bold ? FONT.emojiBold : FONT.emoji) : bold ? FONT.bold : FONT.regular);
      const opts = { ...options, continued: i < runs.length - 1 };
      if (i === 0) this.doc.text(run.text, x, y, opts);
      else this.doc.text(run.text, opts);
    });
    this.doc.font(bold ? FONT.bold : FONT.regular);
  }

  /** Sets font, size and colour for the next text. */
  style(options: { bold?: boolean; size?: number; color?: string }): this {
    this.doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? TYPE.body).fillColor(options.color ?? COLORS.text);
    return this;
  }

  lineHeight(size: number = TYPE.body): number {
    return size * 1.25 + TYPE.lineGap;
  }

  /**
   * A new part of the report on a fresh page (or, with `newPage: false`, after what precedes
   * when it fits): its bookmark in the outline, its tagged section under `root`, and its
   * level-2 heading.
   */
  openSection(root: Struct, title: string, options: { newPage?: boolean } = {}): { section: Struct; outline: PDFKit.PDFOutline } {
    if (options.newPage === false) this.space(18);
    else this.doc.addPage();
    const outline = this.doc.outline.addItem(title);
    const section = this.doc.struct('Sect');
    root.add(section);
    this.heading(section, 2, title);
    return { section, outline };
  }

  heading(parent: Struct, level: HeadingLevel, text: string): void {
    const { size, before, after } = TYPE.headings[level];
    // A heading never ends a page: keep room for it and three lines of what follows.
    this.keep(this.doc.heightOfString(this.glyphs.fit(text), { width: this.width }) + before + this.lineHeight() * 3);
    this.space(before);
    const y = this.doc.y;
    parent.add(
      this.doc.struct(`H${level}`, {}, () => {
        this.style({ bold: true, size, color: COLORS.text });
        this.write(text, this.left, y, { width: this.width, lineGap: TYPE.lineGap }, true);
      }),
    );
    this.doc.y += after;
  }

  paragraph(parent: Struct, text: string, options: { size?: number; color?: string; bold?: boolean; after?: number } = {}): void {
    this.keep(this.lineHeight(options.size) * 2);
    const y = this.doc.y;
    parent.add(
      this.doc.struct('P', {}, () => {
        this.style(options);
        this.write(text, this.left, y, { width: this.width, lineGap: TYPE.lineGap }, options.bold ?? false);
      }),
    );
    this.doc.y += options.after ?? 6;
  }

  list(parent: Struct, items: readonly ListItem[], options: { indent?: number } = {}): void {
    if (items.length === 0) return;
    const indent = options.indent ?? 16;
    const list = this.doc.struct('L');
    parent.add(list);
    for (const item of items) {
      // The label and the first two lines of the item stay together.
      this.keep(this.lineHeight() * 2);
      const y = this.doc.y;
      const li = this.doc.struct('LI');
      list.add(li);
      li.add(
        this.doc.struct('Lbl', {}, () => {
          this.style({ bold: item.bold ?? false, color: item.label === '\u2605' ? COLORS.keyIdea : COLORS.muted });
          this.doc.text(item.label, this.left, y, { lineBreak: false });
        }),
      );
      li.add(
        this.doc.struct('LBody', {}, () => {
          this.style({ bold: item.bold ?? false });
          this.write(item.text, this.left + indent, y, { width: this.width - indent, lineGap: TYPE.lineGap }, item.bold ?? false);
          if (item.byline !== undefined && item.byline !== '') {
            this.style({ size: TYPE.small, color: COLORS.muted });
            this.write(item.byline, this.left + indent, this.doc.y, { width: this.width - indent });
          }
        }),
      );
      li.end();
      this.doc.y += 4;
    }
    list.end();
    this.doc.y += 4;
  }

  /** A thin rule, as decoration (an artifact, skipped by screen readers). */
  rule(): void {
    const y = this.doc.y;
    this.artifact(() => {
      this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.75).strokeColor(COLORS.rule).stroke();
    });
    this.doc.y = y + 10;
  }

  /** Draws decoration marked as an artifact: PDF/UA wants every piece of content tagged or marked so. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }
}
