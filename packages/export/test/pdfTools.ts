/**
 * Reading PDFs in tests with real tools: poppler-utils (pdftotext, pdfinfo, pdftohtml,
 * pdftoppm; the CI script installs them) and a small reader of PDF string objects for what
 * poppler does not print (alternative texts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = new URL('../../../test-results/export/', import.meta.url).pathname;

export function requirePoppler(): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdftotext is missing: apt-get install -y poppler-utils (the CI script does)');
  }
}

/** Writes the PDF to test-results/export/<name> (kept for people to look at) and returns the path. */
export function savePdf(name: string, bytes: Uint8Array): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name);
  writeFileSync(file, bytes);
  return file;
}

export function tempPdf(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'concerto-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return file;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

export function pdfText(file: string, options: { first?: number; last?: number } = {}): string {
  const range = [...(options.first ? ['-f', String(options.first)] : []), ...(options.last ? ['-l', String(options.last)] : [])];
  return run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']);
}

export function pdfInfo(file: string, extra: string[] = []): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', [...extra, file]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1]!.trim()] = match[2]!.trim();
  }
  return info;
}

export function pdfMeta(file: string): string {
  return run('pdfinfo', ['-meta', file]);
}

export function pdfStructure(file: string): string {
  return run('pdfinfo', ['-struct', file]);
}

export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/** The bookmarks, as poppler reads them (pdftohtml -xml prints the outline). */
export function pdfOutline(file: string): OutlineItem[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-q', '-f', '1', '-l', '1', file]);
  const root: OutlineItem[] = [];
  const stack: OutlineItem[][] = [];
  let current = root;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  let depth = 0;
  for (const match of xml.matchAll(/<outline>|<\/outline>|<item page="(\d+)">([\s\S]*?)<\/item>/g)) {
    if (match[0] === '<outline>') {
      // A nested <outline> holds the children of the item just before it.
      if (depth > 0) {
        stack.push(current);
        current = current.at(-1)?.children ?? current;
      }
      depth++;
    } else if (match[0] === '</outline>') {
      depth--;
      if (depth > 0) current = stack.pop() ?? root;
    } else {
      current.push({ title: unescape(match[2]!), page: Number(match[1]), children: [] });
    }
  }
  return root;
}

/** Renders pages to PNG in test-results/export/ and returns the files. */
export function renderPages(file: string, prefix: string, first: number, last: number, dpi = 60): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  run('pdftoppm', ['-r', String(dpi), '-png', '-f', String(first), '-l', String(last), file, join(RESULTS_DIR, prefix)]);
  // pdftoppm pads page numbers to the width of the document's page count.
  const digits = String(Number(pdfInfo(file)['Pages'])).length;
  return Array.from({ length: last - first + 1 }, (_, i) => join(RESULTS_DIR, `${prefix}-${String(first + i).padStart(digits, '0')}.png`));
}

/** Decodes a PDF literal string's body (escapes, then UTF-16BE when it starts with a BOM). */
function decodeLiteral(body: Buffer): string {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== 0x5c) {
      bytes.push(c);
      continue;
    }
    const next = body[++i]!;
    const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
    if (simple[next] !== undefined) bytes.push(simple[next]!);
    else if (next >= 0x30 && next <= 0x37) {
      let octal = String.fromCharCode(next);
      while (octal.length < 3 && body[i + 1]! >= 0x30 && body[i + 1]! <= 0x37) octal += String.fromCharCode(body[++i]!);
      bytes.push(parseInt(octal, 8));
    }
  }
  const raw = Buffer.from(bytes);
  if (raw[0] === 0xfe && raw[1] === 0xff) {
    const swapped = Buffer.from(raw.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return raw.toString('latin1');
}

/** Every literal string value of `/Key (...)` in the file's uncompressed objects. */
export function pdfStrings(bytes: Uint8Array, key: string): string[] {
  const buf = Buffer.from(bytes);
  const marker = Buffer.from(`/${key} (`, 'latin1');
  const found: string[] = [];
  let at = buf.indexOf(marker);
  while (at !== -1) {
    let i = at + marker.length;
    let depth = 1;
    const start = i;
    for (; i < buf.length && depth > 0; i++) {
      if (buf[i] === 0x5c) i++;
      else if (buf[i] === 0x28) depth++;
      else if (buf[i] === 0x29) depth--;
    }
    found.push(decodeLiteral(buf.subarray(start, i - 1)));
    at = buf.indexOf(marker, i);
  }
  return found;
}
