import { useEffect, useId, useRef, useState } from 'react';

import { useT } from '../i18n/index.js';
import { flagsOf, themeOfIdeas } from './ideas.js';
import type { IdeaPlace } from './IdeaCard.js';
import { usePlenary } from './plenaryContext.js';

/**
 * An idea's options for the facilitator: « Ajouter au thème… » (the menu path of every drag),
 * take it out of its theme, move it up or down in the theme, highlight it, hide it from the
 * projection.
 */
export function IdeaMenu({ ideaId, name, place, onDone }: { ideaId: string; name: string; place: IdeaPlace; onDone: () => void }) {
  const t = useT();
  const panel = useFirstFocus();
  const { view, actions, announce } = usePlenary();
  const [choosing, setChoosing] = useState(false);
  const titleId = useId();
  if (actions === null) return null;
  const flags = flagsOf(view.flags, ideaId);
  const theme = themeOfIdeas(view.plenary).get(ideaId);
  const themeName = (label: string) => label.trim() || t('plenary.theme.untitled');

  const done = (message: string) => {
    announce(message);
    onDone();
  };

  if (choosing) return <ThemeChoice ideaId={ideaId} currentTheme={theme?.id ?? null} onBack={() => setChoosing(false)} onDone={done} />;

  const move = (by: -1 | 1) => {
    if (place.kind !== 'theme') return;
    actions.placeIdea(ideaId, place.themeId, place.index + by);
    done(t('plenary.done.moved', { position: place.index + by + 1, name: themeName(theme?.label ?? '') }));
  };

  return (
    <div className="idea-menu" ref={panel}>
      <p className="popover-title" id={titleId}>{name}</p>
      <ul className="menu-list" aria-labelledby={titleId}>
        <li><button type="button" onClick={() => setChoosing(true)}>{t('plenary.menu.addToTheme')}</button></li>
        {place.kind === 'theme' && place.index > 0 && (
          <li><button type="button" onClick={() => move(-1)}>{t('plenary.menu.up')}</button></li>
        )}
        {place.kind === 'theme' && place.index < place.count - 1 && (
          <li><button type="button" onClick={() => move(1)}>{t('plenary.menu.down')}</button></li>
        )}
        {theme !== undefined && (
          <li>
            <button type="button" onClick={() => {
              actions.takeOut(ideaId, theme.id);
              done(t('plenary.done.takenOut', { name: themeName(theme.label) }));
            }}>
              {t('plenary.menu.takeOut', { name: themeName(theme.label) })}
            </button>
          </li>
        )}
        <li>
          <button type="button" onClick={() => {
            actions.setFlags(ideaId, { highlighted: !flags.highlighted });
            done(t(flags.highlighted ? 'plenary.done.unhighlighted' : 'plenary.done.highlighted'));
          }}>
            {t(flags.highlighted ? 'plenary.menu.unhighlight' : 'plenary.menu.highlight')}
          </button>
        </li>
        <li>
          <button type="button" onClick={() => {
            actions.setFlags(ideaId, { hidden: !flags.hidden });
            done(t(flags.hidden ? 'plenary.done.shown' : 'plenary.done.hidden'));
          }}>
            {t(flags.hidden ? 'plenary.menu.show' : 'plenary.menu.hide')}
          </button>
        </li>
      </ul>
    </div>
  );
}

/** « Ajouter au thème… »: the themes to choose from, or a new one named here. */
function ThemeChoice({ ideaId, currentTheme, onBack, onDone }: {
  ideaId: string;
  currentTheme: string | null;
  onBack: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const panel = useFirstFocus();
  const { view, actions } = usePlenary();
  const [label, setLabel] = useState('');
  const titleId = useId();
  const fieldId = useId();
  if (actions === null) return null;
  const themes = view.plenary.themes.filter((theme) => theme.id !== currentTheme);
  const themeName = (text: string) => text.trim() || t('plenary.theme.untitled');
  return (
    <div className="idea-menu" ref={panel}>
      <p className="popover-title" id={titleId}>{t('plenary.menu.addToTheme')}</p>
      {themes.length === 0
        ? <p className="hint">{t('plenary.menu.noTheme')}</p>
        : (
          <ul className="menu-list" aria-labelledby={titleId}>
            {themes.map((theme) => (
              <li key={theme.id}>
                <button type="button" onClick={() => {
                  actions.placeIdea(ideaId, theme.id);
                  onDone(t('plenary.done.added', { name: themeName(theme.label) }));
                }}>
                  {t('plenary.menu.themeChoice', { name: themeName(theme.label) })}
                </button>
              </li>
            ))}
          </ul>
        )}
      <form className="new-theme-inline" onSubmit={(event) => {
        event.preventDefault();
        const name = label.trim() || t('plenary.theme.defaultLabel', { n: view.plenary.themes.length + 1 });
        actions.createTheme(name, ideaId);
        onDone(t('plenary.done.added', { name }));
      }}>
        <label htmlFor={fieldId}>{t('plenary.menu.newThemeLabel')}</label>
        <input id={fieldId} value={label} maxLength={200} onChange={(event) => setLabel(event.target.value)} />
        <button type="submit">{t('plenary.menu.create')}</button>
      </form>
      <button type="button" className="link-button" onClick={onBack}>{t('common.back')}</button>
    </div>
  );
}

/**
 * Focus the view's first control once it shows: on opening (the popover is measured hidden
 * first, and a hidden button cannot take the focus) and when switching between the two views
 * (which removes the focused button).
 */
function useFirstFocus() {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Retried briefly: the popover is shown only once it has been measured and placed. Timers,
    // not animation frames, which a browser may hold back for a page it does not paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const attempt = () => {
      const element = panel.current;
      element?.querySelector<HTMLElement>('button, input')?.focus({ preventScroll: true });
      if (element !== null && element.contains(document.activeElement)) return;
      if (++tries < 20) timer = setTimeout(attempt, 15);
    };
    attempt();
    return () => clearTimeout(timer);
  }, []);
  return panel;
}
