import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { CreateSessionResponse } from '@concerto/contract';

import { ApiError, createSession } from '../api/client.js';
import { useT } from '../i18n/index.js';

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** A minimal « Créer une séance » form and the links to paste in each breakout room's chat. */
export function CreateSessionForm() {
  const t = useT();
  const ids = { title: useId(), questions: useId(), groups: useId(), limit: useId(), admin: useId() };
  const [title, setTitle] = useState('');
  const [questions, setQuestions] = useState('');
  const [groups, setGroups] = useState('');
  const [limit, setLimit] = useState(2);
  const [adminToken, setAdminToken] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'error' | 'forbidden'>('idle');
  const [created, setCreated] = useState<CreateSessionResponse | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('sending');
    try {
      const groupNames = lines(groups);
      const result = await createSession({
        title: title.trim(),
        questions: lines(questions),
        keyIdeaLimit: limit,
        ...(groupNames.length > 0 ? { groups: groupNames } : {}),
      }, adminToken.trim() || undefined);
      setCreated(result);
      setState('idle');
    } catch (err) {
      setState(err instanceof ApiError && (err.status === 401 || err.status === 403) ? 'forbidden' : 'error');
    }
  };

  const absolute = (url: string) => new URL(url, window.location.origin).toString();

  return (
    <section className="create-session" aria-labelledby="create-title">
      <h2 id="create-title">{t('create.title')}</h2>
      <form onSubmit={submit} className="stack">
        <label htmlFor={ids.title}>{t('create.sessionTitle')}</label>
        <input id={ids.title} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={ids.questions}>{t('create.questions')}</label>
        <textarea id={ids.questions} rows={3} value={questions} onChange={(e) => setQuestions(e.target.value)} />
        <label htmlFor={ids.groups}>{t('create.groups')}</label>
        <textarea id={ids.groups} rows={3} value={groups} placeholder={t('create.groupsPlaceholder')} onChange={(e) => setGroups(e.target.value)} />
        <label htmlFor={ids.limit}>{t('create.limit')}</label>
        <input id={ids.limit} type="number" min={1} max={10} value={limit} onChange={(e) => setLimit(Number(e.target.value) || 2)} />
        <details>
          <summary>{t('create.adminSummary')}</summary>
          <label htmlFor={ids.admin}>{t('create.adminToken')}</label>
          <input id={ids.admin} type="password" value={adminToken} autoComplete="off" onChange={(e) => setAdminToken(e.target.value)} />
        </details>
        <button type="submit" className="primary" disabled={state === 'sending' || title.trim() === ''}>
          {t(state === 'sending' ? 'create.sending' : 'create.submit')}
        </button>
        {state === 'error' && <p role="alert" className="error">{t('create.error')}</p>}
        {state === 'forbidden' && <p role="alert" className="error">{t('create.forbidden')}</p>}
      </form>
      {created !== null && (
        <div className="created" role="status">
          <h3>{t('create.done', { title: created.title })}</h3>
          <p>{t('create.linksHint')}</p>
          <ul className="links">
            {created.links.groups.map((group) => (
              <li key={group.id}>
                <span className="link-name">{group.name}</span>
                <a href={group.url}>{absolute(group.url)}</a>
              </li>
            ))}
            <li><span className="link-name">{t('create.facilitatorLink')}</span><a href={created.links.facilitator}>{absolute(created.links.facilitator)}</a></li>
            <li><span className="link-name">{t('create.projectorLink')}</span><a href={created.links.projector}>{absolute(created.links.projector)}</a></li>
          </ul>
        </div>
      )}
    </section>
  );
}
