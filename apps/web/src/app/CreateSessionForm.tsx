import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { CreateSessionResponse } from '@concerto/contract';

import { ApiError, createSession } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { GroupListEditor } from './GroupListEditor.js';
import { OrganisationChooser } from './OrganisationChooser.js';
import { useTemplateChoice } from './TemplateChooser.js';
import { defaultGroups, groupsProblem } from './groupsEditing.js';
import type { GroupRow } from './groupsEditing.js';

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/**
 * « Créer une séance »: title, date, the questions, the groups (nine and the main room to
 * start with, as in real sessions), the number of key ideas, and an admin token for servers
 * that ask for one. Works on a phone: one column, native date and number fields.
 */
export function CreateSessionForm({ onCreated }: { onCreated: (created: CreateSessionResponse, date: string | null) => void }) {
  const t = useT();
  const ids = { title: useId(), date: useId(), questions: useId(), limit: useId(), admin: useId(), axes: useId(), rotating: useId(), rotatingHint: useId() };
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [questions, setQuestions] = useState('');
  const [groups, setGroups] = useState<GroupRow[]>(defaultGroups);
  const [limit, setLimit] = useState(2);
  const board = useTemplateChoice('libre');
  const [adminToken, setAdminToken] = useState('');
  const [adminOpen, setAdminOpen] = useState(false);
  const [state, setState] = useState<'idle' | 'sending' | 'error' | 'forbidden'>('idle');
  const [showProblem, setShowProblem] = useState(false);
  // A session by theme (issue 11 §2): one board per axis, groups that rotate over them.
  const [byTheme, setByTheme] = useState(false);
  const [axes, setAxes] = useState('');
  const [rotating, setRotating] = useState('');
  const [axesProblem, setAxesProblem] = useState(false);

  const { problem, key: problemKey } = groupsProblem(groups);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (byTheme && lines(axes).length < 2) {
      setAxesProblem(true);
      document.getElementById(ids.axes)?.focus();
      return;
    }
    if (!byTheme && problem !== 'none') {
      setShowProblem(true);
      if (problemKey !== null) document.getElementById(`group-row-${problemKey}`)?.focus();
      return;
    }
    const template = board.checked();
    if (template === null) return;
    setState('sending');
    try {
      const chosenDate = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
      const result = await createSession({
        title: title.trim(),
        questions: lines(questions),
        keyIdeaLimit: limit,
        ...(byTheme
          ? { rotation: { axes: lines(axes), ...(lines(rotating).length > 0 ? { groups: lines(rotating) } : {}) } }
          : { groups: groups.map((group) => group.name.trim()) }),
        ...(chosenDate !== null ? { date: chosenDate } : {}),
        // « Libre » is the server's default: sent only when another board is chosen.
        ...(template.kind !== 'libre' ? { template } : {}),
      }, adminToken.trim() || undefined);
      setState('idle');
      onCreated(result, chosenDate);
    } catch (err) {
      const forbidden = err instanceof ApiError && (err.status === 401 || err.status === 403);
      if (forbidden) setAdminOpen(true);
      setState(forbidden ? 'forbidden' : 'error');
    }
  };

  return (
    <section className="create-session" aria-labelledby="create-title">
      <h2 id="create-title">{t('create.title')}</h2>
      <form onSubmit={submit} className="stack" noValidate>
        <label htmlFor={ids.title}>{t('create.sessionTitle')}</label>
        <input id={ids.title} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={ids.date}>{t('create.date')}</label>
        <input id={ids.date} type="date" value={date} onChange={(e) => setDate(e.target.value)} className="input-date" />
        <label htmlFor={ids.questions}>{t('create.questions')}</label>
        <textarea id={ids.questions} rows={3} value={questions} onChange={(e) => setQuestions(e.target.value)} />
        <OrganisationChooser byTheme={byTheme} onChange={setByTheme} />
        {byTheme ? (
          <>
            <label htmlFor={ids.axes}>{t('create.axes')}</label>
            <textarea id={ids.axes} rows={4} value={axes} aria-invalid={axesProblem || undefined}
              onChange={(e) => {
                setAxes(e.target.value);
                setAxesProblem(false);
              }} />
            {axesProblem && <p role="alert" className="error">{t('create.axesMissing')}</p>}
            <label htmlFor={ids.rotating}>{t('create.rotationGroups')}</label>
            <textarea id={ids.rotating} rows={3} value={rotating} aria-describedby={ids.rotatingHint} onChange={(e) => setRotating(e.target.value)} />
            <p id={ids.rotatingHint} className="hint">{t('create.rotationGroupsHint')}</p>
          </>
        ) : (
          <>
            <GroupListEditor
              rows={groups}
              onChange={(next) => {
                setGroups(next);
                setShowProblem(false);
              }}
              invalidKey={showProblem ? problemKey : null}
            />
            {showProblem && problem !== 'none' && <p role="alert" className="error">{t(`groups.problem.${problem}`)}</p>}
          </>
        )}
        {board.chooser}
        <label htmlFor={ids.limit}>{t('create.limit')}</label>
        <input id={ids.limit} type="number" min={1} max={10} value={limit} className="input-number"
          onChange={(e) => setLimit(Math.min(10, Math.max(1, Math.trunc(Number(e.target.value)) || 2)))} />
        <details open={adminOpen} onToggle={(e) => setAdminOpen((e.target as HTMLDetailsElement).open)}>
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
    </section>
  );
}
