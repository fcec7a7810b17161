import { useEffect, useId, useRef } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { control } from '../api/client.js';
import { ActionError } from '../console/ActionError.js';
import { useAction } from '../console/useAction.js';
import { useT } from '../i18n/index.js';
import { shortAxisName } from './RoundsPanel.js';

/**
 * The action-sheet phase on a rotating group's page (issue 11 §4): the axes, with how many
 * people chose each, as large buttons; the person chooses theirs (the server then gives their
 * link write rights on that board only) and may come back to change it.
 */
export function AxisChoice({ session, token, person, counts, current, onChosen, onKeep }: {
  session: SessionDescription;
  token: string;
  /** this device's id in the session (the voter id: one per device and session) */
  person: string;
  counts: Readonly<Record<string, number>>;
  /** the axis chosen before, when the person came back to change it */
  current: string | null;
  onChosen: (axis: string) => void;
  onKeep?: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const action = useAction();
  // The page changed under the person (the phase opened, or they asked to change): say where they are.
  useEffect(() => titleRef.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    document.title = `${t('choosing.title')} · ${session.title} · Concerto`;
  }, [t, session.title]);

  const choose = (axis: string) => {
    void action.run(async () => {
      await control.chooseAxis(session.id, token, person, axis);
      onChosen(axis);
    });
  };

  return (
    <main className="axis-choice" aria-labelledby={titleId}>
      <p className="axis-choice-session">{session.title}</p>
      <h1 id={titleId} ref={titleRef} tabIndex={-1}>{t('choosing.title')}</h1>
      <p>{t('choosing.intro')}</p>
      <ul className="axis-choice-list">
        {session.groups.map((axis) => (
          <li key={axis.id}>
            <button type="button" className={`axis-choice-button${axis.id === current ? ' is-current' : ''}`}
              aria-current={axis.id === current ? 'true' : undefined} disabled={action.pending} onClick={() => choose(axis.id)}>
              <span className="axis-choice-name">{axis.name}</span>
              <span className="axis-choice-count">
                {t('choosing.count', { count: counts[axis.id] ?? 0 })}
                {axis.id === current && <> · {t('choosing.current')}</>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {current !== null && onKeep && <button type="button" onClick={onKeep}>{t('choosing.keep')}</button>}
      <ActionError problem={action.problem} />
    </main>
  );
}

/** On the chosen axis's board, under the header (whose title has the axis's full name): which axis, what to do, and the way back to the list. */
export function AxisNotice({ axisName, onChange }: { axisName: string; onChange: () => void }) {
  const t = useT();
  return (
    <div className="round-notice axis-notice">
      <div className="axis-notice-text">
        <p className="round-notice-state">{t('choosing.banner', { axis: shortAxisName(axisName) })}</p>
        <p className="axis-notice-hint">{t('choosing.bannerHint')}</p>
      </div>
      <button type="button" onClick={onChange}>{t('choosing.change')}</button>
    </div>
  );
}
