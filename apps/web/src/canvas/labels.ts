import type { MessageId } from '../i18n/index.js';

type T = (id: MessageId, values?: Record<string, string | number>) => string;

const EXCERPT = 60;

/** A note named by the start of its text, for menus and announcements. */
export function noteExcerpt(t: T, text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return t('note.untitled');
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

/** A cluster named by its title, or « sans titre ». */
export function clusterTitle(t: T, label: string): string {
  const flat = label.replace(/\s+/g, ' ').trim();
  return flat === '' ? t('cluster.untitled') : flat;
}
