/**
 * The compte-rendu as a PDF, with pdfkit (no browser): a cover, one section per group, the
 * plenary; page numbers, bookmarks, metadata, and a tagged structure for screen readers.
 *
 * The file declares PDF/A-3a (archival, "accessible" level: tagged, Unicode text, fonts
 * embedded, sRGB output intent, XMP metadata): a compte-rendu is a record kept for years.
 * PDF/A-3 rather than -1 because -1 forbids transparency and is older than tagged-PDF practice.
 */
import PDFDocument from 'pdfkit';
import { frenchDay, frenchTime, isoDayOf } from '../dates.js';
import { buildReport } from '../model.js';
import type { Report } from '../model.js';
import { truncate } from '../text.js';
import type { SessionContent } from '../types.js';
import { quoted, WORDS } from '../wording.js';
import { writeCarriedOver } from './carriedOver.js';
import { writeCover } from './cover.js';
import { bundledFonts, Glyphs } from './fonts.js';
import type { PdfFonts } from './fonts.js';
import { Flow } from './flow.js';
import type { Doc } from './flow.js';
import { writeEmptyGroups, writeGroup } from './group.js';
import { writePlenary } from './plenary.js';
import { COLORS, FONT, PAGE, TYPE } from './style.js';

export interface PdfOptions {
  /** when the export was made (cover and metadata); default now */
  exportedAt?: Date | number;
  /** fonts to embed instead of the bundled DejaVu Sans */
  fonts?: PdfFonts;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * pdfkit copies the title, author and subject into the XMP metadata without escaping them, so a
 * session called « <b>R&D</b> » would break the XML. The Info dictionary is written (with the
 * raw strings, which it escapes itself) before the XMP, so the XMP step alone gets escaped text.
 */
function escapeXmp(doc: Doc): void {
  const target = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = target._addInfo;
  target._addInfo = function (this: typeof target) {
    const raw = { ...this.info };
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'string') this.info[key] = value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
    }
    try {
      addInfo.call(this);
    } finally {
      this.info = raw;
    }
  };
}

/** What a PDF says about itself (Info and XMP): its title, its subject, its keywords. */
export interface PdfMeta {
  title: string;
  subject: string;
  keywords: readonly string[];
}

/** A tagged PDF/A-3a document with the fonts registered: the compte-rendu's and the roadmap's. */
export function createDocument(meta: PdfMeta, exportedAt: Date, fonts: PdfFonts): Doc {
  const { title } = meta;
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin + PAGE.footer },
    bufferPages: true, // page numbers « 3 / 14 » need the page count
    pdfVersion: '1.7',
    subset: 'PDF/A-3a',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: title,
      Author: 'Concerto',
      Subject: meta.subject,
      Keywords: meta.keywords.join(', '),
      Creator: 'Concerto',
      Producer: 'Concerto (pdfkit)',
      // No ModDate: pdfkit's XMP has no xmp:ModifyDate to match it, and PDF/A wants the two to agree.
      CreationDate: exportedAt,
    },
  });
  escapeXmp(doc);
  doc.registerFont(FONT.regular, Buffer.from(fonts.regular));
  doc.registerFont(FONT.bold, Buffer.from(fonts.bold));
  if (fonts.emoji !== undefined) {
    doc.registerFont(FONT.emoji, Buffer.from(fonts.emoji.regular));
    doc.registerFont(FONT.emojiBold, Buffer.from(fonts.emoji.bold));
  }
  doc.font(FONT.regular).fontSize(TYPE.body).fillColor(COLORS.text);
  return doc;
}

/** « Compte-rendu — title · page 3 sur 14 » on every page, marked as pagination artifacts. */
export function writeFooters(flow: Flow, fullTitle: string): void {
  const { doc } = flow;
  const range = doc.bufferedPageRange();
  const title = truncate(fullTitle, 70);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - PAGE.margin - 4;
    flow.artifact(() => {
      doc.moveTo(PAGE.margin, y - 8).lineTo(doc.page.width - PAGE.margin, y - 8).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      flow.style({ size: TYPE.small, color: COLORS.muted });
      flow.write(title, PAGE.margin, y, { width: flow.width - 90, height: 12, ellipsis: true, lineBreak: false });
      doc.text(`Page ${i + 1 - range.start} sur ${range.count}`, PAGE.margin, y, { width: flow.width, align: 'right', lineBreak: false });
    }, 'Pagination');
    doc.page.margins.bottom = bottomMargin;
  }
}

export function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      const all = Buffer.concat(chunks);
      resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
    });
    doc.on('error', reject);
  });
}

/** Renders an already built report (see `buildReport`). */
export function renderReportPdf(report: Report, options: PdfOptions = {}): Promise<Uint8Array> {
  const exportedAt = new Date(options.exportedAt ?? Date.now());
  const fonts = options.fonts ?? bundledFonts();
  const meta = {
    title: `${WORDS.kicker} — ${truncate(report.title, 180)}`,
    subject: `${WORDS.kicker} ${quoted(truncate(report.title, 180))} du ${report.dayLabel}`,
    keywords: ['compte-rendu', 'séance', 'regroupements', 'idées clés', 'plénière'],
  };
  const doc = createDocument(meta, exportedAt, fonts);
  const done = collect(doc);
  const flow = new Flow(doc, new Glyphs(fonts));
  const root = doc.struct('Document');
  doc.addStructure(root);

  const exportedLabel = `${frenchDay(isoDayOf(exportedAt.getTime()))} à ${frenchTime(exportedAt.getTime())}`;
  writeCover(flow, root, report, exportedLabel);
  writeCarriedOver(flow, root, report);
  for (const group of report.groups) if (!group.empty) writeGroup(flow, root, group);
  writeEmptyGroups(flow, root, report.groups.filter((g) => g.empty));
  writePlenary(flow, root, report);
  root.end();
  writeFooters(flow, report.title);
  doc.end();
  return done;
}

/** The compte-rendu of a session as PDF bytes. */
export function renderPdf(content: SessionContent, options: PdfOptions = {}): Promise<Uint8Array> {
  return renderReportPdf(buildReport(content), options);
}
