import { timerRemainingMs } from '@concerto/board';
import type { TimerState } from '@concerto/board';

/*
 * The timer as every page shows it. The server writes `endsAt` with its own clock; a device
 * whose clock is a minute off would show a minute off, so pages add the offset between the
 * server's clock and theirs (measured when they loaded the session) before comparing.
 */

/**
 * The server's clock minus this device's, from a response carrying `serverTime`. The server
 * answered somewhere between `sentAt` and `receivedAt`, so the offset lies within half the round
 * trip of the one the middle gives; of those, the smallest correction is taken, and none when
 * zero is among them. A device whose clock is right (most are) is then never corrected by the
 * measure's own error: on a loaded machine a 2 s round trip made a timer started with the same
 * clock on both sides read « 04:01 » one second after « +1 minute » on « 03:00 ». A clock a minute
 * off is still corrected to within half the round trip.
 */
export function clockOffset(serverTime: number, sentAt: number, receivedAt: number): number {
  if (!Number.isFinite(serverTime)) return 0;
  const middle = serverTime - (sentAt + receivedAt) / 2;
  const uncertainty = Math.max(0, receivedAt - sentAt) / 2;
  if (Math.abs(middle) <= uncertainty) return 0;
  return Math.round(middle - Math.sign(middle) * uncertainty);
}

/** Milliseconds left at this device's `localNow`, or null when no timer runs. */
export function remainingMs(timer: TimerState | null, localNow: number, offsetMs: number): number | null {
  if (timer === null || !timer.running) return null;
  return timerRemainingMs(timer, localNow + offsetMs);
}

/** « 04:32 », « 1:05:00 » past an hour. Seconds are rounded up: « 00:00 » only when it rings. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

export type TimerAnnouncement = 'oneMinute' | 'ended';

/**
 * What a screen reader hears, only twice: when one minute is left and when time is up. Saying
 * every second would drown everything else the page says.
 */
export function timerAnnouncement(previousMs: number | null, nextMs: number | null): TimerAnnouncement | null {
  if (previousMs === null || nextMs === null) return null;
  if (previousMs > 0 && nextMs <= 0) return 'ended';
  if (previousMs > 60_000 && nextMs <= 60_000 && nextMs > 0) return 'oneMinute';
  return null;
}

/** Durations offered when starting the timer, in minutes. */
export const TIMER_PRESETS = [3, 5, 10, 15] as const;
