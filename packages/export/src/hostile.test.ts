/**
 * Hostile content stays text in every format: markup, links, scripts, RTL, emoji, very long
 * words, a 5,000-character note, NUL and control characters.
 */
import { execFileSync } from 'node:child_process';
import MarkdownIt from 'markdown-it';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheets, snapshotBoard } from '@concerto/board';
import { buildHostileSession, HOSTILE, longNote } from '../test/hostileSession.js';
import { pdfInfo, pdfMeta, pdfText, renderPages, requirePoppler, savePdf } from '../test/pdfTools.js';
import { parseArchiveText, renderJson, renderMarkdown, renderPdf } from './index.js';

const AT = Date.UTC(2024, 9, 1, 12, 0);
const content = buildHostileSession();
const squash = (s: string) => s.replace(/\s+/g, ' ');
const noSpace = (s: string) => s.replace(/\s+/g, '');

describe('hostile content in the PDF', () => {
  let bytes: Uint8Array;
  let file: string;
  let text: string;

  beforeAll(async () => {
    requirePoppler();
    bytes = await renderPdf(content, { exportedAt: AT });
    file = savePdf('hostile.pdf', bytes);
    text = pdfText(file);
    renderPages(file, 'hostile', 1, Number(pdfInfo(file)['Pages']));
  });

  it('prints markup, links and scripts literally', () => {
    const flat = squash(text);
    for (const literal of [HOSTILE.script, HOSTILE.link, HOSTILE.emphasis, HOSTILE.heading, HOSTILE.code, HOSTILE.entities, HOSTILE.backslash]) {
      expect(flat).toContain(literal);
    }
    expect(flat).toContain('<i>Groupe</i> **1** [x](javascript:y)');
    expect(flat).toContain('**Idée** <u>clé</u>');
  });

  it('has no link, action or script of its own', () => {
    const info = pdfInfo(file);
    expect(info['JavaScript']).toBe('no');
    expect(execFileSync('pdfinfo', ['-url', file], { encoding: 'utf8' })).not.toMatch(/javascript|evil/i);
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).not.toMatch(/\/(URI|JS|Launch|OpenAction)\b/);
  });

  it('wraps very long words and prints a 5,000-character note whole', () => {
    // The note runs over a page break: read the text without the page footers.
    const footer = /^(Séance <b>R&D<\/b>.*|Page \d+ sur \d+)$/;
    const body = text.split('\n').filter((line) => !footer.test(line.trim())).join('\n');
    expect(noSpace(body)).toContain(HOSTILE.longWord);
    expect(squash(body)).toContain(squash(longNote()));
    // The long word was broken over lines rather than running off the page.
    const longest = Math.max(...text.split('\n').map((line) => line.length));
    expect(longest).toBeLessThan(200);
  });

  it('shows a visible placeholder for control characters and glyphs the fonts lack, and draws emoji', () => {
    expect(text).not.toContain('\u0000');
    expect(text).toContain('avant\ufffdaprès\ufffdcloche\ufffd[31mrouge');
    expect(text).toContain('demi\ufffdpaire');
    // emoji come from the embedded Noto Emoji (a skin tone or a family shapes into one glyph);
    // DejaVu draws 😀 itself; only the kanji, in neither font, are a placeholder
    expect(squash(text)).toMatch(/Bravo 👍(🏽)? licorne 🦄 famille 👨‍👩‍👧 sourire 😀 kanji \ufffd/u);
  });

  it('keeps right-to-left text as text', () => {
    for (const word of ['עברית', 'العربية']) {
      const letters = [...word];
      // pdfkit lays out glyphs left to right: check the letters are there, in either order
      expect(text.includes(word) || text.includes(letters.reverse().join(''))).toBe(true);
    }
  });

  it('escapes the title in the XMP metadata, and keeps it exact in the Info dictionary', () => {
    expect(pdfInfo(file)['Title']).toBe('Compte-rendu de séance — Séance <b>R&D</b> "guillemets" \'apostrophes\' # titre');
    const meta = pdfMeta(file);
    expect(meta).toContain('Séance &lt;b&gt;R&amp;D&lt;/b&gt; &quot;guillemets&quot; &apos;apostrophes&apos;');
    expect(meta).not.toContain('<b>');
  });
});

describe('hostile content in the Markdown', () => {
  const markdown = renderMarkdown(content, { exportedAt: AT });
  const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);

  it('renders no tag, link, image, table or code block from what people typed', () => {
    expect(html).not.toMatch(/<(script|a|img|table|pre|code|blockquote|u|b|i)[\s>]/);
    expect(html).not.toMatch(/<strong>(gras|Idée|1)<\/strong>/);
    expect(html).not.toMatch(/<em>italique<\/em>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('[cliquez ici](javascript:alert(1))');
  });

  it('keeps its own structure: the headings are only the report\'s', () => {
    const h1 = html.match(/<h1>[\s\S]*?<\/h1>/g) ?? [];
    expect(h1).toHaveLength(1);
    expect(html.match(/<h2>/g)).toHaveLength(4); // questions, two groups, plenary
  });

  it('writes no control character and no half surrogate', () => {
    // eslint-disable-next-line no-control-regex
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(Buffer.from(markdown, 'utf8').toString('utf8')).toBe(markdown);
    expect(markdown).toContain('avant\ufffdaprès');
  });

  it('prints the long note and the long word whole', () => {
    expect(noSpace(markdown)).toContain(HOSTILE.longWord);
    expect(noSpace(markdown.replace(/\\/g, ''))).toContain(noSpace(longNote()));
  });
});

describe('hostile content in the JSON archive', () => {
  const json = renderJson(content, { exportedAt: AT });

  it('is lossless: every string comes back exactly, NUL and controls included', () => {
    const archive = JSON.parse(json) as { rooms: Record<string, { state: string; snapshot: { notes: { id: string; text: string }[] } }>; session: { title: string } };
    expect(archive.session.title).toBe(content.session.title);
    const live = new Y.Doc();
    Y.applyUpdate(live, content.rooms['groupe-1']!);
    expect(archive.rooms['groupe-1']!.snapshot).toEqual({ ...snapshotBoard(live), sheets: readSheets(live) });
    const notes = new Map(archive.rooms['groupe-1']!.snapshot.notes.map((n) => [n.id, n.text]));
    // Yjs itself stores text as UTF-8, so a half surrogate pair was already U+FFFD in the room.
    for (const [key, value] of Object.entries(HOSTILE)) expect(notes.get(`h-${key}`), key).toBe(key === 'lone' ? 'demi\ufffdpaire' : value);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(archive.rooms['groupe-1']!.state, 'base64'));
    expect(snapshotBoard(doc).notes.find((n) => n.id === 'h-controls')!.text).toBe(HOSTILE.controls);
  });

  it('imports back', () => {
    const parsed = parseArchiveText(json);
    expect(parsed.ok).toBe(true);
  });
});
