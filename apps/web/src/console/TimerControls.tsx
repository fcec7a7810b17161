import { useId, useState } from 'react';
import type { TimerState } from '@concerto/board';

import { control } from '../api/client.js';
import { TIMER_PRESETS } from '../control/timer.js';
import { TimerDisplay } from '../control/TimerDisplay.js';
import { useT } from '../i18n/index.js';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

/**
 * The session's timer, shown on every canvas at once: choose a duration (3, 5, 10, 15 minutes
 * or another), start, add a minute or five while it runs, stop.
 */
export function TimerControls({ sessionId, token, timer, offsetMs, disabled }: {
  sessionId: string;
  token: string;
  timer: TimerState | null;
  offsetMs: number;
  disabled: boolean;
}) {
  const t = useT();
  const ids = { title: useId(), custom: useId(), presets: useId() };
  const [minutes, setMinutes] = useState<number>(5);
  const [custom, setCustom] = useState('');
  const action = useAction();
  const running = timer?.running === true;
  const customMinutes = Number(custom.replace(',', '.'));
  const chosen = custom.trim() !== '' ? customMinutes : minutes;
  const valid = Number.isFinite(chosen) && chosen > 0 && chosen <= 360;
  const send = (body: Parameters<typeof control.timer>[2]) => void action.run(() => control.timer(sessionId, token, body));

  return (
    <section className="console-panel timer-panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('console.timer.title')}</h2>
      <div className="timer-big">
        <TimerDisplay timer={timer} offsetMs={offsetMs} speak={false} />
        {!running && <p className="console-current">{t(timer === null ? 'console.timer.none' : 'console.timer.stopped')}</p>}
      </div>
      {running ? (
        <div className="button-row">
          <button type="button" disabled={disabled || action.pending} onClick={() => send({ action: 'add', seconds: 60 })}>{t('console.timer.add1')}</button>
          <button type="button" disabled={disabled || action.pending} onClick={() => send({ action: 'add', seconds: 300 })}>{t('console.timer.add5')}</button>
          <button type="button" className="danger" disabled={disabled || action.pending} onClick={() => send({ action: 'stop' })}>{t('console.timer.stop')}</button>
        </div>
      ) : (
        <>
          <div className="button-row" role="group" aria-labelledby={ids.presets}>
            <span id={ids.presets} className="sr-only">{t('console.timer.duration')}</span>
            {TIMER_PRESETS.map((m) => (
              <button key={m} type="button" aria-pressed={custom.trim() === '' && minutes === m}
                onClick={() => {
                  setMinutes(m);
                  setCustom('');
                }}>
                {t('console.timer.minutes', { count: m })}
              </button>
            ))}
          </div>
          <label htmlFor={ids.custom} className="inline-field">
            {t('console.timer.custom')}
            <input id={ids.custom} type="number" inputMode="decimal" min={1} max={360} step={1} value={custom} className="input-number"
              onChange={(event) => setCustom(event.target.value)} />
          </label>
          <button type="button" className="primary" disabled={disabled || action.pending || !valid}
            onClick={() => send({ action: 'start', seconds: Math.round(chosen * 60) })}>
            {valid ? t('console.timer.start', { count: chosen }) : t('console.timer.startInvalid')}
          </button>
        </>
      )}
      <ActionError problem={action.problem} />
    </section>
  );
}
