import { useId, useState } from 'react';
import { rotationPlan } from '@concerto/board';
import type { RotationState } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import { control } from '../api/client.js';
import { ActionError } from '../console/ActionError.js';
import type { GroupWatch } from '../console/groupWatch.js';
import { useGroupSummary } from '../console/useGroupWatches.js';
import { useAction } from '../console/useAction.js';
import { useT } from '../i18n/index.js';
import { roundStateOf } from './rotation.js';

/**
 * The console's rounds (a session by theme): where they stand, « Commencer le tour 2 » with
 * its length (the session's timer starts with it), « Terminer le tour », and the plan of who
 * works on which axis, the current round marked.
 */
export function RoundsPanel({ session, token, live, synced, disabled, watches }: {
  session: SessionDescription;
  token: string;
  live: RotationState | null;
  synced: boolean;
  disabled: boolean;
  /** the console's watch of each axis's board: who is on it now (its awareness) */
  watches?: ReadonlyMap<string, GroupWatch>;
}) {
  const t = useT();
  const ids = { title: useId(), minutes: useId(), plan: useId(), counts: useId(), hint: useId() };
  const [minutes, setMinutes] = useState('20');
  const action = useAction();
  const state = roundStateOf(session, live, synced);
  if (state === null || session.rotation === null) return null;
  const { round, rounds, status } = state;
  const next = status === 'waiting' ? round : round + 1;
  const chosen = Number(minutes.replace(',', '.'));
  const seconds = Number.isFinite(chosen) && chosen > 0 && chosen <= 360 ? Math.round(chosen * 60) : undefined;
  const groups = session.rotation.groups;
  const plan = rotationPlan(groups.length, session.groups.length, rounds);
  // Axes without a short « Axe N – … » name would give the plan a column as wide as a whole
  // title per round, cut off in the side panel: the plan then numbers them, with a legend.
  const numbered = session.groups.some((axis) => shortAxisName(axis.name) === axis.name);
  const axisLabel = (index: number) => {
    const name = session.groups[index]?.name ?? '';
    if (!numbered) return shortAxisName(name);
    return (
      <>
        <span aria-hidden="true">{t('console.rotation.axisNumber', { number: index + 1 })}</span>
        <span className="sr-only">{name}</span>
      </>
    );
  };

  return (
    <section className="console-panel rounds-panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('console.rotation.title')}</h2>
      <p className="console-current" role="status">
        {state.choosing ? t('console.choosing.state') : t(`console.rotation.state.${status}`, { round, rounds })}
      </p>
      {state.choosing ? (
        <table className="rounds-plan axis-counts">
          <caption id={ids.counts}>{t('console.choosing.counts')}</caption>
          <tbody>
            {session.groups.map((axis) => (
              <AxisCountRow key={axis.id} name={axis.name} chosen={state.choosing?.counts[axis.id] ?? 0} watch={watches?.get(axis.id)} />
            ))}
          </tbody>
        </table>
      ) : status === 'running' ? (
        <button type="button" className="danger" disabled={disabled || action.pending}
          onClick={() => void action.run(() => control.rotation(session.id, token, { action: 'end' }))}>
          {t('console.rotation.end', { round })}
        </button>
      ) : next <= rounds ? (
        <>
          <label htmlFor={ids.minutes} className="inline-field">
            {t('console.rotation.minutes')}
            <input id={ids.minutes} type="number" inputMode="decimal" min={1} max={360} value={minutes} className="input-number"
              onChange={(event) => setMinutes(event.target.value)} />
          </label>
          <button type="button" className="primary" disabled={disabled || action.pending}
            onClick={() => void action.run(() => control.rotation(session.id, token, { action: 'start', round: next, ...(seconds ? { seconds } : {}) }))}>
            {t('console.rotation.start', { round: next })}
          </button>
        </>
      ) : (
        <p>{t('console.rotation.done')}</p>
      )}
      {!state.choosing && status !== 'running' && (
        <>
          <button type="button" disabled={disabled || action.pending} aria-describedby={ids.hint}
            onClick={() => void action.run(() => control.rotation(session.id, token, { action: 'choose-axes' }))}>
            {t('console.choosing.open')}
          </button>
          <p id={ids.hint} className="hint">{t('console.choosing.openHint')}</p>
        </>
      )}
      {state.choosing && (
        <button type="button" disabled={disabled || action.pending}
          onClick={() => {
            if (window.confirm(t('console.choosing.resumeConfirm'))) void action.run(() => control.rotation(session.id, token, { action: 'resume-rounds' }));
          }}>
          {t('console.choosing.resume')}
        </button>
      )}
      <ActionError problem={action.problem} />
      {/* focusable: a keyboard can scroll the plan when it is wider than the panel; gone with the rounds */}
      {!state.choosing && <div className="rounds-plan-scroll" role="region" aria-labelledby={ids.plan} tabIndex={0}>
      <table className="rounds-plan" aria-labelledby={ids.plan}>
        <caption id={ids.plan}>{t('console.rotation.plan')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.rotation.group')}</th>
            {plan.map((_, r) => (
              <th key={r} scope="col" aria-current={r + 1 === round ? 'step' : undefined}>{t('console.rotation.round', { round: r + 1 })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group, g) => (
            <tr key={group.id}>
              <th scope="row">{group.name}</th>
              {plan.map((axes, r) => (
                <td key={r} className={r + 1 === round ? 'rounds-plan-current' : undefined}>{axisLabel(axes[g]!)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>}
      {!state.choosing && numbered && (
        <ol className="rounds-plan-legend" aria-hidden="true">
          {session.groups.map((axis, index) => (
            <li key={axis.id}><strong>{t('console.rotation.axisNumber', { number: index + 1 })}</strong>{t('console.rotation.legendSeparator')}{axis.name}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** « Axe 1 » for « Axe 1 – Équiper et accompagner les publics »: the plan stays readable in the side panel. */
export function shortAxisName(name: string): string {
  const cut = name.search(/\s[–—-]\s/);
  return cut > 0 ? name.slice(0, cut) : name;
}

/**
 * One axis in the action-sheet phase: who is on its board now, then how many ever chose it.
 * The server's count keeps every choice (a closed browser, a person who moved to another
 * device) — it said « 3 personnes » with one person there. Who is there comes from the board's
 * awareness, which the console already watches for its group cards (no API change); before the
 * watch has synced it is not known, and only the choices are said.
 */
function AxisCountRow({ name, chosen, watch }: { name: string; chosen: number; watch: GroupWatch | undefined }) {
  const t = useT();
  const summary = useGroupSummary(watch);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        {watch !== undefined && summary.synced
          ? t('console.choosing.presentAndChosen', { present: summary.present.length, chosen })
          : t('choosing.count', { count: chosen })}
      </td>
    </tr>
  );
}
