/**
 * Issue 10 item 10: one log line per refused connection, with its reason — but a flood (a
 * thousand refused upgrades from one address) must not become a thousand lines. Per reason
 * and address, the first REFUSAL_LINES_PER_WINDOW refusals of a window are logged in full;
 * the rest are counted, and said in one « N more refused » line when the window ends. Every
 * refusal is still counted in the metrics (`concerto_refused_connections_total`).
 */
import type { Clock } from './clock.js';
import type { RefusalReason } from './metrics.js';

/** a window opens with a key's first refusal and lasts this long */
export const REFUSAL_WINDOW_MS = 10_000;
/** refusals of one reason and address logged in full per window */
export const REFUSAL_LINES_PER_WINDOW = 5;
/** reason-and-address pairs followed at once; past it, further addresses share one key per reason */
export const REFUSAL_KEYS = 100;

export class RefusalLog {
  private readonly windows = new Map<string, { logged: number; held: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly log: (line: string) => void,
    private readonly count: (reason: RefusalReason) => void,
  ) {}

  /** `line` says what was refused and why (never a token); it starts with `refused <address>` */
  refuse(reason: RefusalReason, address: string, line: string): void {
    this.count(reason);
    let key = `${reason} ${address}`;
    if (!this.windows.has(key) && this.windows.size >= REFUSAL_KEYS) key = `${reason} *`;
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { logged: 0, held: 0 };
      this.windows.set(key, window);
      const opened = window;
      const who = key.slice(reason.length + 1);
      this.clock.after(REFUSAL_WINDOW_MS, () => {
        this.windows.delete(key);
        if (opened.held > 0) this.log(`refused ${who}: ${reason}: ${opened.held} more refused in the last ${REFUSAL_WINDOW_MS / 1000} s`);
      });
    }
    if (window.logged < REFUSAL_LINES_PER_WINDOW) {
      window.logged += 1;
      this.log(line);
    } else {
      window.held += 1;
    }
  }
}
