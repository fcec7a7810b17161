import { useEffect, useRef, useState } from 'react';
import type { TimerState } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { formatRemaining, remainingMs, timerAnnouncement } from './timer.js';
import { useNow } from './useNow.js';

/**
 * The session's timer, as every canvas and the console show it: « 04:32 », then « Temps
 * écoulé » with a soft pulse (no sound: people are often in a video call). Screen readers
 * hear it twice only, at one minute left and at the end, through a live region that stays
 * mounted so the announcement is not lost when the display appears.
 */
export function TimerDisplay({ timer, offsetMs, className = '', speak = true }: {
  timer: TimerState | null;
  /** the server's clock minus this device's (control/timer.ts) */
  offsetMs: number;
  className?: string;
  /** false for a second display of the same timer on a page, so it is not announced twice */
  speak?: boolean;
}) {
  const t = useT();
  const running = timer?.running === true;
  // Ticks while counting down, and stops once time is up (the display no longer changes).
  const rang = running && timer !== null && timer.endsAt - (Date.now() + offsetMs) < -1500;
  const now = useNow(running && !rang);
  const left = remainingMs(timer, now, offsetMs);
  const previous = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const said = timerAnnouncement(previous.current, left);
    previous.current = left;
    if (said !== null) setAnnouncement(t(said === 'ended' ? 'timer.announce.ended' : 'timer.announce.oneMinute'));
  }, [left, t]);

  const ended = left !== null && left <= 0;
  const low = left !== null && left > 0 && left <= 60_000;
  return (
    <>
      {left !== null && (
        <p className={`timer${ended ? ' timer--ended' : ''}${low ? ' timer--low' : ''} ${className}`.trim()} role="timer" aria-live="off">
          <svg className="timer-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M8 5.5V9l2.2 1.6M6.5 1.5h3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          {ended ? (
            <span className="timer-text">{t('timer.ended')}</span>
          ) : (
            <>
              <span className="sr-only">{t('timer.left')} </span>
              <span className="timer-text">{formatRemaining(left)}</span>
            </>
          )}
        </p>
      )}
      {speak && <span className="sr-only" aria-live="polite">{announcement}</span>}
    </>
  );
}
