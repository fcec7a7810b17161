/** File names people can keep: `compte-rendu-feuille-de-route-2024-09-18.pdf`, ASCII only. */
import { isIsoDay, isoDayOf } from './dates.js';
import type { ArchivedSession } from './types.js';

export type ExportFormat = 'pdf' | 'md' | 'json';

/** Lower case, accents dropped (« œ » → oe), anything else a dash; at most `max` characters. */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

export function reportFileName(session: Pick<ArchivedSession, 'title' | 'createdAt' | 'settings'>, format: ExportFormat): string {
  const date = session.settings['date'];
  const day = isIsoDay(date) ? date : isoDayOf(session.createdAt);
  const base = format === 'json' ? 'archive' : 'compte-rendu';
  return `${base}-${slugify(session.title) || 'seance'}-${day}.${format}`;
}

/** `feuille-de-route-<demarche>-2025-06-18.pdf`, or `archive-feuille-de-route-…json`: dated the day of the export. */
export function roadmapFileName(programme: { title: string }, format: ExportFormat, exportedAt: number): string {
  const base = format === 'json' ? 'archive-feuille-de-route' : 'feuille-de-route';
  return `${base}-${slugify(programme.title) || 'demarche'}-${isoDayOf(exportedAt)}.${format}`;
}
