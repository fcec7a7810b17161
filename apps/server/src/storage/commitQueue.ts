/**
 * Group commit for a store reached over a network. Writes run one at a time, so calls land in
 * the order they were made; the calls that arrive while a write is in flight are merged into
 * the next one, so a 2 ms round trip costs one transaction for all of them, not one each.
 * Each caller's entries still commit together (its call is part of one bigger transaction).
 */
interface Waiter<T, R> {
  readonly items: readonly T[];
  resolve(results: R[]): void;
  reject(err: unknown): void;
}

/** T: what is written; R: what the write answers for each item (a seq), in item order */
export class CommitQueue<T, R> {
  readonly #write: (items: readonly T[]) => Promise<readonly R[]>;
  readonly #retryAlone: (err: unknown) => boolean;
  #waiting: Waiter<T, R>[] = [];
  #draining: Promise<void> | null = null;

  /**
   * @param retryAlone when a merged write fails with this error, each call is retried on its
   *   own, so one caller's bad data does not fail the others (not for connection errors: the
   *   retries would fail too).
   */
  constructor(write: (items: readonly T[]) => Promise<readonly R[]>, retryAlone: (err: unknown) => boolean) {
    this.#write = write;
    this.#retryAlone = retryAlone;
  }

  /** resolves to the write's results for these items, in order */
  push(items: readonly T[]): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.#waiting.push({ items, resolve, reject });
      // Start on a microtask: calls made in the same turn share the first transaction.
      this.#draining ??= Promise.resolve().then(() => this.#drain());
    });
  }

  /** resolves once every call made so far has settled */
  async settled(): Promise<void> {
    while (this.#draining !== null) await this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const group = this.#waiting;
      this.#waiting = [];
      await this.#commit(group);
    }
    this.#draining = null;
  }

  async #commit(group: readonly Waiter<T, R>[]): Promise<void> {
    try {
      const results = await this.#write(group.flatMap((w) => w.items));
      let at = 0;
      for (const w of group) {
        w.resolve(results.slice(at, at + w.items.length));
        at += w.items.length;
      }
    } catch (err) {
      if (group.length === 1 || !this.#retryAlone(err)) {
        for (const w of group) w.reject(err);
        return;
      }
      for (const w of group) {
        try {
          w.resolve([...(await this.#write(w.items))]);
        } catch (own) {
          w.reject(own);
        }
      }
    }
  }
}
