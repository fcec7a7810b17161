import { useId } from 'react';

import { useT } from '../i18n/index.js';

/**
 * « Organisation de la séance »: by group (a board per group) or by theme (a board per axis,
 * groups rotating over them, issue 11 §2). On the home page's form and the programme's
 * « Démarrer une nouvelle séance ».
 */
export function OrganisationChooser({ byTheme, onChange }: { byTheme: boolean; onChange: (byTheme: boolean) => void }) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="organisation">
      <legend>{t('create.organisation')}</legend>
      <label className="radio-row">
        <input type="radio" name={name} checked={!byTheme} onChange={() => onChange(false)} />
        {t('create.byGroup')}
      </label>
      <label className="radio-row">
        <input type="radio" name={name} checked={byTheme} onChange={() => onChange(true)} />
        {t('create.byTheme')}
      </label>
    </fieldset>
  );
}
