/**
 * When to publish a room's 'head' (its latest stored seq): once the room has been quiet for
 * `quietMs` after a commit. A batch's publish may be lost (Redis is never the source of
 * truth); the head that follows the last one lets every other instance see it is behind and
 * catch up from storage, even when nobody edits again. One timer per recently busy room.
 */
import type { Clock } from './clock.js';

export class QuietHeads {
  private readonly lastCommit = new Map<string, number>();
  private readonly armed = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly quietMs: number,
    private readonly publish: (key: string) => void,
  ) {}

  /** the room just committed a batch */
  committed(key: string): void {
    this.lastCommit.set(key, this.clock.monotonic());
    if (!this.armed.has(key)) this.arm(key, this.quietMs);
  }

  /** the room unloaded: no head for it */
  forget(key: string): void {
    this.lastCommit.delete(key);
  }

  private arm(key: string, ms: number): void {
    this.armed.add(key);
    this.clock.after(ms, () => {
      this.armed.delete(key);
      const last = this.lastCommit.get(key);
      if (last === undefined) return;
      const quietFor = this.clock.monotonic() - last;
      if (quietFor < this.quietMs) {
        this.arm(key, this.quietMs - quietFor);
        return;
      }
      this.lastCommit.delete(key);
      this.publish(key);
    });
  }
}
