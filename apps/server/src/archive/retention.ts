/**
 * Retention (GDPR): with RETENTION_DAYS set, sessions created more than that many days ago are
 * deleted with all their content, once at startup and then every day. Participants' notes are
 * personal data; a consultation's organisers keep the compte-rendu, not the raw boards.
 */
import type { SessionSummary } from '../storage/index.js';
import { eraseSession } from './erase.js';
import type { EraseDeps } from './erase.js';

export const DAY_MS = 86_400_000;

/** The sessions past the retention period at `now`, oldest first. Pure. */
export function sessionsToDelete(summaries: readonly SessionSummary[], now: number, days: number): string[] {
  const cutoff = now - days * DAY_MS;
  return summaries
    .filter((s) => Number.isFinite(s.createdAt) && s.createdAt < cutoff)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((s) => s.id);
}

export interface Retention {
  /** runs one sweep now; resolves with the deleted ids */
  sweep(): Promise<string[]>;
  /** stops the daily timer and waits for a sweep in progress */
  stop(): Promise<void>;
}

export function startRetention(
  deps: EraseDeps,
  days: number,
  log: { info(message: string): void; error(message: string): void },
  now: () => number = Date.now,
): Retention {
  let running: Promise<string[]> | null = null;
  const sweep = (): Promise<string[]> => {
    running ??= (async () => {
      const ids = sessionsToDelete(await deps.storage.listSessions(), now(), days);
      for (const id of ids) await eraseSession(deps, id);
      if (ids.length > 0) log.info(`retention: deleted ${ids.length} session(s) older than ${days} days`);
      return ids;
    })()
      .catch((err: Error) => {
        log.error(`retention sweep failed, will retry tomorrow: ${err.message}`);
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void sweep(), DAY_MS);
  timer.unref(); // the sweep never keeps the process alive
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
