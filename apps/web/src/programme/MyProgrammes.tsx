import { useId } from 'react';

import { CopyButton } from '../app/CopyButton.js';
import { useT } from '../i18n/index.js';
import type { SavedProgramme } from './myProgrammes.js';

/**
 * « Mes démarches » on the home page, beside « Mes séances »: the programmes opened on this
 * device, to open one again or copy its link again. « Oublier » only removes it from this list.
 */
export function MyProgrammes({ programmes, onForget }: { programmes: readonly SavedProgramme[]; onForget: (saved: SavedProgramme) => void }) {
  const t = useT();
  const titleId = useId();
  if (programmes.length === 0) return null;
  return (
    <section className="my-sessions my-programmes" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('programme.mine.title')}</h2>
      <p className="hint">{t('programme.mine.hint')}</p>
      <ul>
        {programmes.map((saved) => (
          <li key={saved.id} className="my-session">
            <span className="my-session-title">{saved.title}</span>
            <span className="link-actions">
              <a className="button-link" href={saved.link}>
                {t('programme.mine.open')}<span className="sr-only"> {saved.title}</span>
              </a>
              <CopyButton text={saved.link} label={t('programme.mine.copy')} ariaLabel={`${t('programme.mine.copy')} ${saved.title}`} />
              <button type="button" className="link-button" onClick={() => onForget(saved)}>
                {t('programme.mine.forget')}<span className="sr-only"> {saved.title}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
