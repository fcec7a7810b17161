import { useEffect, useId, useRef } from 'react';
import type { SessionDescription } from '@concerto/contract';

import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { TimerDisplay } from '../control/TimerDisplay.js';
import { useT } from '../i18n/index.js';
import { RoomStatus } from '../plenary/RoomStatus.js';
import { FacilitatorNav } from '../session/SessionNav.js';
import type { PlenaryStore } from '../sync/plenaryStore.js';
import { usePlenaryView } from '../sync/usePlenary.js';
import type { ConnectionState } from '../sync/useRoom.js';
import { FullscreenButton, useFullscreen } from './FullscreenButton.js';
import { ProjectedStep, useStepTitle } from './ProjectedStep.js';
import { sameStep, stepKey } from './steps.js';
import { useFitText } from './useFitText.js';
import { useFollow } from './useFollow.js';

/** Largest and smallest type per view (px): key ideas never go below 32 px on a 1080p screen. */
const TYPE_RANGE = { all: [56, 32], group: [72, 40], themes: [44, 32], theme: [60, 36], vote: [52, 32] } as const;

/**
 * The big screen: a thin bar (session, where we are, the timer, following or not, full screen)
 * over a stage that shows one step in type as large as fits. ← → (and a clicker's Page Up/Down)
 * step locally; the facilitator's next focus takes the projector back.
 */
export function ProjectionScreen({ session, token, store, connection, clockOffset }: {
  session: SessionDescription;
  token: string;
  store: PlenaryStore;
  connection: ConnectionState;
  clockOffset: number;
}) {
  const t = useT();
  const view = usePlenaryView(store);
  const following = useFollow(view);
  const fullscreen = useFullscreen();
  const content = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { step, steps } = following;
  const title = useStepTitle(step, view);
  const [max, min] = TYPE_RANGE[step.kind];
  useFitText(content, max, min, [stepKey(step), view.plenary, view.flags, view.tally, view.control.vote]);

  const keys = useRef({ following, fullscreen });
  keys.current = { following, fullscreen };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const { following: f, fullscreen: screen } = keys.current;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') f.go(1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') f.go(-1);
      else if (event.key === 'f' || event.key === 'F') screen.toggle();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const position = steps.findIndex((candidate) => sameStep(candidate, step));
  return (
    <div className="projection">
      <header className="projection-bar">
        <p className="projection-session">{session.title}</p>
        {position >= 0 && <p className="projection-position">{t('projection.step', { position: position + 1, count: steps.length })}</p>}
        <TimerDisplay timer={view.control.closed ? null : view.control.timer} offsetMs={clockOffset} className="projection-timer" />
        {following.local
          ? <button type="button" className="projection-button" onClick={following.followAgain}>{t('projection.followAgain')}</button>
          : <p className="projection-following">{t('projection.following')}</p>}
        {connection !== 'connected' && <RoomStatus state={connection} />}
        <FacilitatorNav session={session} token={token} current="projection" />
        <FullscreenButton fullscreen={fullscreen} />
        <LanguageSwitch />
      </header>
      <main className="projection-stage" aria-labelledby={titleId} tabIndex={0}>
        <div ref={content} className={`projection-content projection-content--${step.kind}`}>
          <ProjectedStep step={step} view={view} titleId={titleId} title={title} />
        </div>
      </main>
      <footer className="projection-keys">{t('projection.keys')}</footer>
      <div className="sr-only" aria-live="polite">{title}</div>
    </div>
  );
}
