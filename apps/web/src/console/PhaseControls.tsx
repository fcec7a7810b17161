import { useId } from 'react';
import { PHASES } from '@concerto/board';
import type { Phase } from '@concerto/board';

import { control } from '../api/client.js';
import { phaseName } from '../control/PhaseHint.js';
import { useT } from '../i18n/index.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

/**
 * In a session by theme the rounds set the pace (RoundsPanel): a group session's clustering,
 * key ideas and plenary steps do not apply there (the zones ask their own questions, priority
 * actions are the key ideas, the plenary gathers the assembly after the rounds). What issue 11
 * §2 keeps is private drafting then sharing, within a round: only those two are offered.
 */
export const ROUND_PHASES: readonly Phase[] = ['reflection', 'sharing'];

/**
 * The steps of the session, shown on every canvas with a short hint. Leaving « Réflexion
 * individuelle » reveals the notes everyone wrote alone, so that step has its own, explicit
 * button: « Révéler les notes ».
 */
export function PhaseControls({ sessionId, token, phase, disabled, byTheme = false }: {
  sessionId: string;
  token: string;
  phase: Phase | null;
  disabled: boolean;
  /** a session organised by theme (rotation): only the steps of a round */
  byTheme?: boolean;
}) {
  const t = useT();
  const steps = byTheme ? ROUND_PHASES : PHASES;
  const titleId = useId();
  const action = useAction();
  const set = (next: Phase | null) => void action.run(() => control.phase(sessionId, token, next));
  return (
    <section className="console-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(byTheme ? 'console.phase.titleByTheme' : 'console.phase.title')}</h2>
      {byTheme && <p className="hint">{t('console.phase.byThemeHint')}</p>}
      <p className="console-current">
        {phase === null ? t('console.phase.none') : t('console.phase.current', { name: t(phaseName(phase)) })}
      </p>
      {phase === 'reflection' && (
        <div className="reveal">
          <p className="hint">{t('console.phase.revealHint')}</p>
          <button type="button" className="primary" disabled={disabled || action.pending} onClick={() => set('sharing')}>
            {t('console.phase.reveal')}
          </button>
        </div>
      )}
      <ol className="phase-list">
        {steps.map((p, index) => (
          <li key={p}>
            <button type="button" aria-pressed={phase === p} disabled={disabled || action.pending} onClick={() => set(p)}>
              <span aria-hidden="true" className="phase-number">{index + 1}</span> {t(phaseName(p))}
            </button>
          </li>
        ))}
      </ol>
      {phase !== null && (
        <button type="button" className="link-button" disabled={disabled || action.pending} onClick={() => set(null)}>
          {t('console.phase.clear')}
        </button>
      )}
      <ActionError problem={action.problem} />
    </section>
  );
}
