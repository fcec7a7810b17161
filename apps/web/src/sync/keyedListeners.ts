/**
 * Listener sets keyed by a topic (a note id, `cluster:<id>`, `peers`…), so a change wakes only
 * the components that show that topic. Shared by the board store, presence and local drags.
 */
export class KeyedListeners {
  private readonly byKey = new Map<string, Set<() => void>>();

  subscribe = (key: string, listener: () => void): (() => void) => {
    let set = this.byKey.get(key);
    if (set === undefined) this.byKey.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byKey.delete(key);
    };
  };

  notify(key: string): void {
    this.byKey.get(key)?.forEach((listener) => listener());
  }

  clear(): void {
    this.byKey.clear();
  }
}
