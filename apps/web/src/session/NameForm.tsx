import { useId, useState } from 'react';
import type { FormEvent } from 'react';

import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { useT } from '../i18n/index.js';
import { ForgetLink } from './ForgetLink.js';

export const NAME_MAX = 40;

/** Asked once per device: the name shown to the group on notes and in « who is here ». */
export function NameForm({ sessionId, title, groupName, initial, onSubmit, onCancel }: {
  sessionId: string;
  title: string;
  groupName: string;
  initial: string;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(initial);
  const fieldId = useId();
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (trimmed !== '') onSubmit(trimmed.slice(0, NAME_MAX));
  };
  return (
    <main className="page page--narrow">
      <div className="page-corner"><LanguageSwitch /></div>
      <p className="eyebrow">{title}</p>
      <h1>{t('join.title', { group: groupName })}</h1>
      <form onSubmit={submit} className="stack">
        <label htmlFor={fieldId}>{t('join.nameLabel')}</label>
        <p id={hintId} className="hint">{t('join.nameHint')}</p>
        <input
          id={fieldId}
          aria-describedby={hintId}
          value={name}
          autoComplete="given-name"
          maxLength={NAME_MAX}
          onChange={(event) => setName(event.target.value)}
          autoFocus
        />
        <div className="form-actions">
          {onCancel !== undefined && <button type="button" onClick={onCancel}>{t('common.cancel')}</button>}
          <button type="submit" className="primary" disabled={name.trim() === ''}>{t('join.submit')}</button>
        </div>
      </form>
      <ForgetLink sessionId={sessionId} withHint />
    </main>
  );
}
