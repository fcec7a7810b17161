import { useId, useState } from 'react';

import { useT } from '../i18n/index.js';
import { usePlenary } from './plenaryContext.js';
import { ThemeCard } from './ThemeCard.js';

/** The facilitator's themes (« axes »): several groups' ideas consolidated, with a synthesis each. */
export function ThemesSection() {
  const t = useT();
  const { view, actions } = usePlenary();
  const headingId = useId();
  const themes = view.plenary.themes;
  if (actions === null && themes.length === 0) {
    return (
      <section className="plenary-themes" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('plenary.themes.title')}</h2>
        <p className="hint">{t('plenary.themes.none')}</p>
      </section>
    );
  }
  return (
    <section className="plenary-themes" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('plenary.themes.title')}</h2>
      {actions !== null && <NewThemeForm />}
      {actions !== null && <p className="hint">{t(themes.length === 0 ? 'plenary.themes.noneEdit' : 'plenary.themes.hint')}</p>}
      {themes.length > 0 && (
        <ol className="theme-list">
          {themes.map((theme, index) => <ThemeCard key={theme.id} theme={theme} index={index} count={themes.length} />)}
        </ol>
      )}
    </section>
  );
}

function NewThemeForm() {
  const t = useT();
  const { view, actions, announce } = usePlenary();
  const [label, setLabel] = useState('');
  const fieldId = useId();
  if (actions === null) return null;
  return (
    <form className="new-theme" onSubmit={(event) => {
      event.preventDefault();
      const name = label.trim() || t('plenary.theme.defaultLabel', { n: view.plenary.themes.length + 1 });
      actions.createTheme(name);
      setLabel('');
      announce(t('plenary.themes.created', { name }));
    }}>
      <label htmlFor={fieldId}>{t('plenary.themes.newLabel')}</label>
      <div className="new-theme-row">
        <input id={fieldId} value={label} maxLength={200} onChange={(event) => setLabel(event.target.value)} />
        <button type="submit" className="primary">{t('plenary.themes.create')}</button>
      </div>
    </form>
  );
}
