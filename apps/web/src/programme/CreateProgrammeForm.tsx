import { useId, useState } from 'react';

import { programmeApi } from '../api/client.js';
import { useT } from '../i18n/index.js';

/** « Créer une démarche » on the home page: a title, then the programme's own page. */
export function CreateProgrammeForm() {
  const t = useT();
  const titleId = useId();
  const fieldId = useId();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="create-programme" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('programme.create.title')}</h2>
      <p className="hint">{t('programme.create.hint')}</p>
      <form className="stack" onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        programmeApi.create(title.trim()).then(
          (created) => window.location.assign(created.link),
          (err: unknown) => setError(t('programme.create.error', { message: err instanceof Error ? err.message : String(err) })),
        );
      }}>
        <label htmlFor={fieldId}>{t('programme.create.label')}</label>
        <input id={fieldId} required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
        <button type="submit">{t('programme.create.submit')}</button>
      </form>
      {error !== null && <p role="alert">{error}</p>}
    </section>
  );
}
