import { useEffect, useId, useRef, useState } from 'react';
import type { ConsolidatedTheme } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';

import { programmeApi } from '../api/client.js';
import { rememberSession } from '../app/mySessions.js';
import { OrganisationChooser } from '../app/OrganisationChooser.js';
import { ParticipantLinks } from '../app/SessionLinks.js';
import { useTemplateChoice } from '../app/TemplateChooser.js';
import { useT } from '../i18n/index.js';
import { provenanceText } from './provenance.js';

/**
 * « Démarrer une nouvelle séance »: the themes picked, in the order they were picked, become
 * the new session's axes (one board each) and its carried-over content. The facilitator may
 * organise it by theme (groups rotating over the axes) and choose its boards, « Enjeux –
 * Objectifs – Actions » by default: its first zone shows what each axis carries over.
 */
export function NextSessionForm({ programmeId, token, picked, onCreated }: {
  programmeId: string;
  token: string;
  picked: ConsolidatedTheme[];
  /** the session exists: the page lists it and lets go of the themes picked for it */
  onCreated: () => Promise<void>;
}) {
  const t = useT();
  const titleId = useId();
  const ids = { title: useId(), territory: useId(), date: useId(), rotating: useId(), rotatingHint: useId() };
  const [title, setTitle] = useState('');
  const [territory, setTerritory] = useState('');
  const [date, setDate] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateSessionResponse | null>(null);
  const [byTheme, setByTheme] = useState(false);
  const [rotating, setRotating] = useState('');
  // a carry-over's boards: « Enjeux – Objectifs – Actions », whose first zone shows what it carries
  const board = useTemplateChoice('enjeux-objectifs-actions');
  const rotatingGroups = rotating.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const doneId = useId();
  const doneHeading = useRef<HTMLHeadingElement>(null);
  // The confirmation takes the form's place: the focus goes to its heading, which is read out.
  useEffect(() => {
    if (created !== null) doneHeading.current?.focus();
  }, [created]);

  if (created !== null) {
    return (
      <section className="next-session" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('programme.next.title')}</h2>
        <div className="next-created" role="region" aria-labelledby={doneId}>
          <h3 id={doneId} ref={doneHeading} tabIndex={-1}>{t('create.done', { title: created.title })}</h3>
          <p>{t('programme.next.doneHint')}</p>
          <p><a className="button-link primary" href={created.links.facilitator}>{t('programme.next.console')}</a></p>
          <ParticipantLinks links={created.links} level={4} />
          <p>
            <button type="button" onClick={() => {
              // A fresh form for another session of the démarche.
              setCreated(null);
              setTitle('');
              setTerritory('');
              setDate('');
              setByTheme(false);
              setRotating('');
            }}>
              {t('programme.next.another')}
            </button>
          </p>
        </div>
      </section>
    );
  }

  return (
    <section className="next-session" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('programme.next.title')}</h2>
      <p className="hint">{t('programme.next.hint')}</p>
      <h3>{t('programme.next.picked', { count: picked.length })}</h3>
      {picked.length === 0
        ? <p className="hint">{t('programme.next.none')}</p>
        : (
          <ol className="picked-axes">
            {picked.map((theme) => <li key={theme.id}><strong>{theme.title}</strong> — {provenanceText(t, theme.votes, theme.byTerritory)}</li>)}
          </ol>
        )}
      <form onSubmit={(event) => {
        event.preventDefault();
        if (picked.length === 0 || sending) return;
        const template = board.checked();
        if (template === null) return;
        if (byTheme && picked.length < 2) {
          setError(t('programme.next.byThemeTwo'));
          return;
        }
        setSending(true);
        setError(null);
        const body = {
          title: title.trim(),
          territory: territory.trim(),
          themes: picked.map((c) => c.id),
          ...(date === '' ? {} : { date }),
          ...(byTheme ? { rotation: rotatingGroups.length > 0 ? { groups: rotatingGroups } : {} } : {}),
          template,
        };
        programmeApi.carryOver(programmeId, token, body).then(async (session) => {
          setCreated(session);
          // Like any session created here, it joins « Mes séances » with its links.
          rememberSession(session, date === '' ? null : date);
          await onCreated();
        }, (err: unknown) => setError(err instanceof Error ? err.message : String(err))).finally(() => setSending(false));
      }}>
        <label htmlFor={ids.title}>{t('programme.next.sessionTitle')}</label>
        <input id={ids.title} required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
        <label htmlFor={ids.territory}>{t('programme.next.territory')}</label>
        <input id={ids.territory} required maxLength={60} value={territory} onChange={(event) => setTerritory(event.target.value)} />
        <label htmlFor={ids.date}>{t('programme.next.date')}</label>
        <input id={ids.date} type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        <OrganisationChooser byTheme={byTheme} onChange={setByTheme} />
        {byTheme && (
          <>
            <label htmlFor={ids.rotating}>{t('create.rotationGroups')}</label>
            <textarea id={ids.rotating} rows={3} value={rotating} aria-describedby={ids.rotatingHint} onChange={(event) => setRotating(event.target.value)} />
            <p id={ids.rotatingHint} className="hint">{t('create.rotationGroupsHint')}</p>
          </>
        )}
        {board.chooser}
        <button type="submit" className="primary" disabled={picked.length === 0 || sending}>
          {t(sending ? 'programme.next.sending' : 'programme.next.submit')}
        </button>
      </form>
      {error !== null && <p role="alert">{t('programme.error.save', { message: error })}</p>}
    </section>
  );
}
