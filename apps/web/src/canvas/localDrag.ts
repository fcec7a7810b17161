import { useCallback, useSyncExternalStore } from 'react';

import type { Point } from '../sync/layout.js';
import type { PresenceStore } from '../sync/presence.js';

/**
 * Local, never-synced canvas state that single notes or clusters subscribe to: the offset of a
 * cluster being dragged here (its notes follow it), and the stacking order of notes brought to
 * the front.
 */
export class LocalDragStore {
  private readonly offsets = new Map<string, Point>();
  private readonly raised = new Map<string, number>();
  private counter = 1;
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe = (key: string, listener: () => void): (() => void) => {
    let set = this.listeners.get(key);
    if (set === undefined) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  };

  private notify(key: string): void {
    this.listeners.get(key)?.forEach((listener) => listener());
  }

  getClusterOffset = (clusterId: string): Point | undefined => this.offsets.get(clusterId);

  setClusterOffset(clusterId: string, offset: Point | null): void {
    if (offset === null) this.offsets.delete(clusterId);
    else this.offsets.set(clusterId, offset);
    this.notify(`cluster:${clusterId}`);
  }

  getRaise = (noteId: string): number => this.raised.get(noteId) ?? 0;

  /** Brings a note in front of every other (local only: stacking is not shared). */
  raise(noteId: string): void {
    this.raised.set(noteId, this.counter++);
    this.notify(`note:${noteId}`);
  }
}

/**
 * How far the notes of a cluster are shifted while the cluster is dragged, here or by someone
 * else (through awareness); null when it is not being dragged.
 */
export function useClusterOffset(
  local: LocalDragStore,
  presence: PresenceStore,
  cluster: { id: string; x: number; y: number } | undefined,
): Point | null {
  const id = cluster?.id ?? '';
  const subscribe = useCallback(
    (listener: () => void) => {
      if (id === '') return () => {};
      const a = local.subscribe(`cluster:${id}`, listener);
      const b = presence.subscribe(`cluster:${id}`, listener);
      return () => {
        a();
        b();
      };
    },
    [local, presence, id],
  );
  const localOffset = useSyncExternalStore(subscribe, () => (id === '' ? undefined : local.getClusterOffset(id)));
  const remote = useSyncExternalStore(subscribe, () => (id === '' ? undefined : presence.getClusterDrag(id)));
  if (localOffset !== undefined) return localOffset;
  if (remote !== undefined && cluster !== undefined) return { x: remote.x - cluster.x, y: remote.y - cluster.y };
  return null;
}

export function useRaise(local: LocalDragStore, noteId: string): number {
  const subscribe = useCallback((listener: () => void) => local.subscribe(`note:${noteId}`, listener), [local, noteId]);
  return useSyncExternalStore(subscribe, () => local.getRaise(noteId));
}
