import { useCallback, useSyncExternalStore } from 'react';

import { NOTE_HEIGHT, NOTE_WIDTH } from '@concerto/board';
import type { Point } from '@concerto/board';
import { KeyedListeners } from '../sync/keyedListeners.js';
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
  private readonly listeners = new KeyedListeners();

  subscribe = (key: string, listener: () => void): (() => void) => this.listeners.subscribe(key, listener);

  private notify(key: string): void {
    this.listeners.notify(key);
  }

  getClusterOffset = (clusterId: string): Point | undefined => this.offsets.get(clusterId);

  setClusterOffset(clusterId: string, offset: Point | null): void {
    if (offset === null) this.offsets.delete(clusterId);
    else this.offsets.set(clusterId, offset);
    this.notify(`cluster:${clusterId}`);
  }

  getRaise = (noteId: string): number => this.raised.get(noteId) ?? 0;

  // --- drop targets --------------------------------------------------------------------
  // A note is a drop target only while a dragged note is near it: a thousand registered
  // droppables would each be measured when a drag starts and each re-render whenever the drop
  // target changes. `CanvasDnd` registers the few near ones (`NoteDropTargets`).

  private readonly elements = new Map<string, HTMLElement>();
  private nearby: readonly string[] = NO_IDS;
  private target: string | null = null;

  /** The card of each note, for its drop target to be measured. */
  setElement(noteId: string, element: HTMLElement | null): void {
    if (element === null) this.elements.delete(noteId);
    else this.elements.set(noteId, element);
  }

  getElement = (noteId: string): HTMLElement | undefined => this.elements.get(noteId);

  getNearby = (): readonly string[] => this.nearby;

  /**
   * The notes whose rectangle comes within one note's size of `at` (a dragged note's
   * position, canvas units), except `except`; an empty list with `at` null.
   */
  setNearby(notes: Iterable<{ id: string; x: number; y: number }>, at: Point | null, except: string | null): void {
    const ids: string[] = [];
    if (at !== null) {
      for (const note of notes) {
        if (note.id === except) continue;
        if (Math.abs(note.x - at.x) < NOTE_WIDTH * 2 && Math.abs(note.y - at.y) < NOTE_HEIGHT * 2) ids.push(note.id);
      }
    }
    if (ids.length === this.nearby.length && ids.every((id, i) => this.nearby[i] === id)) return;
    this.nearby = ids.length === 0 ? NO_IDS : ids;
    this.notify('nearby');
  }

  getTarget = (noteId: string): boolean => this.target === noteId;

  /** The note a note is being dropped on (it shows it), or null. */
  setTarget(noteId: string | null): void {
    if (noteId === this.target) return;
    const before = this.target;
    this.target = noteId;
    if (before !== null) this.notify(`target:${before}`);
    if (noteId !== null) this.notify(`target:${noteId}`);
  }

  /** Brings a note in front of every other (local only: stacking is not shared). */
  raise(noteId: string): void {
    this.raised.set(noteId, this.counter++);
    this.notify(`note:${noteId}`);
  }
}

const NO_IDS: readonly string[] = [];

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

/** Whether a dragged note would drop on this one; re-renders only the notes concerned. */
export function useIsDropTarget(local: LocalDragStore, noteId: string): boolean {
  const subscribe = useCallback((listener: () => void) => local.subscribe(`target:${noteId}`, listener), [local, noteId]);
  return useSyncExternalStore(subscribe, () => local.getTarget(noteId));
}

/** The notes near the one dragged here, which are drop targets for now. */
export function useNearbyNotes(local: LocalDragStore): readonly string[] {
  const subscribe = useCallback((listener: () => void) => local.subscribe('nearby', listener), [local]);
  return useSyncExternalStore(subscribe, local.getNearby);
}
