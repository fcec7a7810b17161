import { useT } from '../i18n/index.js';
import { useLocale } from './I18nProvider.js';
import type { SavedSession } from './mySessions.js';

/** A session's day as people write it (« 18 septembre 2024 »). */
export function formatDay(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return date;
  return new Date(y, m - 1, d).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * « Mes séances »: the sessions created on this device, to open the console again or copy the
 * links again. Nothing leaves the device; « Oublier » only removes it from this list.
 */
export function MySessions({ sessions, onShowLinks, onForget }: {
  sessions: readonly SavedSession[];
  onShowLinks: (saved: SavedSession) => void;
  onForget: (saved: SavedSession) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  if (sessions.length === 0) return null;
  return (
    <section className="my-sessions" aria-labelledby="my-sessions-title">
      <h2 id="my-sessions-title">{t('mine.title')}</h2>
      <p className="hint">{t('mine.hint')}</p>
      <ul>
        {sessions.map((saved) => (
          <li key={saved.id} className="my-session">
            <span className="my-session-title">{saved.title}</span>
            {saved.date !== null && <span className="hint">{formatDay(saved.date, locale)}</span>}
            <span className="link-actions">
              <a className="button-link" href={saved.links.facilitator}>
                {t('mine.open')}<span className="sr-only"> {saved.title}</span>
              </a>
              <button type="button" onClick={() => onShowLinks(saved)}>
                {t('mine.links')}<span className="sr-only"> {saved.title}</span>
              </button>
              <button type="button" className="link-button" onClick={() => onForget(saved)}>
                {t('mine.forget')}<span className="sr-only"> {saved.title}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
