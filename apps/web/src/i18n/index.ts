import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { NoteColor } from '@concerto/board';

import { fr } from './fr.js';

export type MessageId = keyof typeof fr;
/** Every language has exactly the French keys (checked by the compiler and by i18n.test.ts). */
export type Messages = Record<MessageId, string>;
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

type Values = Record<string, string | number | Date>;

/** `t('note.add')`: a translated string; ids are checked against the French messages. */
export function useT(): (id: MessageId, values?: Values) => string {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}

export function colorMessage(color: NoteColor): MessageId {
  return `color.${color}`;
}

/** The saved choice, else the first browser language we speak, else French. */
export function pickLocale(saved: string | null, languages: readonly string[]): Locale {
  if (saved === 'fr' || saved === 'en') return saved;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}

/** French ships in the main bundle; English is fetched when chosen. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en') return (await import('./en.js')).en;
  return fr;
}

/** A time as people write it: « 14 h 30 » in French, the locale's own form otherwise. */
export function formatClock(timestamp: number, locale: Locale): string {
  const date = new Date(timestamp);
  if (locale === 'fr') return `${date.getHours()}\u00a0h\u00a0${String(date.getMinutes()).padStart(2, '0')}`;
  return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}
