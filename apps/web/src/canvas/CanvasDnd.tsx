import { useLayoutEffect, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import {
  DndContext,
  getClientRect,
  KeyboardCode,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type {
  Announcements,
  CollisionDetection,
  DragEndEvent,
  DragMoveEvent,
  DragOverEvent,
  DragStartEvent,
  KeyboardCoordinateGetter,
  UniqueIdentifier,
} from '@dnd-kit/core';

import { useT } from '../i18n/index.js';
import { useNearbyNotes } from './localDrag.js';
import type { LocalDragStore } from './localDrag.js';
import { useCanvas } from './roomContext.js';
import { gestureLock } from './useGestures.js';
import { clusterTitle, noteExcerpt } from './labels.js';

/** What a draggable or droppable is: `note:<id>` or `cluster:<id>` with this data. */
export interface DndData {
  kind: 'note' | 'cluster';
  id: string;
}

const KEY_STEP = 24;
const KEY_STEP_LARGE = 120;
const PRESENCE_INTERVAL_MS = 60;

/**
 * Notes and clusters are placed with CSS transforms, so they must be measured with them
 * (dnd-kit's default ignores an element's own transform).
 */
const measuring = { draggable: { measure: getClientRect }, droppable: { measure: getClientRect } };

function dataOf(item: { data: { current?: unknown } } | null | undefined): DndData | null {
  const data = item?.data.current as DndData | undefined;
  return data?.kind === 'note' || data?.kind === 'cluster' ? data : null;
}

function inside(point: { x: number; y: number }, rect: { left: number; top: number; width: number; height: number }) {
  return point.x >= rect.left && point.x <= rect.left + rect.width && point.y >= rect.top && point.y <= rect.top + rect.height;
}

/**
 * Drag and drop of notes and clusters, with mouse, touch (after a long press, so a swipe still
 * pans) and keyboard (arrows move in canvas units). A drag travels to others through awareness;
 * the document is written once, on drop.
 */
export function CanvasDnd({ children }: { children: ReactNode }) {
  const { room, viewport, localDrag, readOnly, announce } = useCanvas();
  const { store, actions, presence } = room;
  const t = useT();
  const lastPresence = useRef(0);
  const dragOrigin = useRef<{ x: number; y: number } | null>(null);

  // Stable sensors: new options on every render would give dnd-kit new activators, a new
  // internal context, and so a render of every note's draggable.
  const sensorOptions = useMemo(() => {
    const coordinateGetter: KeyboardCoordinateGetter = (event, { currentCoordinates }) => {
      const step = (event.shiftKey ? KEY_STEP_LARGE : KEY_STEP) * viewport.get().zoom;
      switch (event.code) {
        case KeyboardCode.Right: return { ...currentCoordinates, x: currentCoordinates.x + step };
        case KeyboardCode.Left: return { ...currentCoordinates, x: currentCoordinates.x - step };
        case KeyboardCode.Down: return { ...currentCoordinates, y: currentCoordinates.y + step };
        case KeyboardCode.Up: return { ...currentCoordinates, y: currentCoordinates.y - step };
        default: return undefined;
      }
    };
    return {
      mouse: { activationConstraint: { distance: 5 } },
      touch: { activationConstraint: { delay: 250, tolerance: 8 } },
      keyboard: { coordinateGetter },
    };
  }, [viewport]);

  const sensors = useSensors(
    useSensor(MouseSensor, sensorOptions.mouse),
    useSensor(TouchSensor, sensorOptions.touch),
    useSensor(KeyboardSensor, sensorOptions.keyboard),
  );

  /** Notes drop on a free note (a new cluster) or on a cluster; a note inside a cluster stands for it. */
  const collisionDetection: CollisionDetection = ({ active, collisionRect, droppableRects, droppableContainers, pointerCoordinates }) => {
    if (dataOf(active)?.kind !== 'note') return [];
    const point = pointerCoordinates ?? {
      x: collisionRect.left + collisionRect.width / 2,
      y: collisionRect.top + collisionRect.height / 2,
    };
    let noteHit: string | null = null;
    let clusterHit: UniqueIdentifier | null = null;
    for (const container of droppableContainers) {
      if (container.id === active.id) continue;
      const rect = droppableRects.get(container.id);
      const data = dataOf(container);
      if (rect === undefined || data === null || !inside(point, rect)) continue;
      if (data.kind === 'note') noteHit = data.id;
      else clusterHit = container.id;
    }
    if (noteHit !== null) {
      const cluster = store.getNote(noteHit)?.cluster;
      return [{ id: cluster ? `cluster:${cluster}` : `note:${noteHit}` }];
    }
    return clusterHit === null ? [] : [{ id: clusterHit }];
  };

  const describe = (item: DndData | null): string => {
    if (item?.kind === 'cluster') return clusterTitle(t, store.getCluster(item.id)?.label ?? '');
    return noteExcerpt(t, store.getNote(item?.id ?? '')?.text ?? '');
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const item = dataOf(active);
      return t(item?.kind === 'cluster' ? 'dnd.start.cluster' : 'dnd.start.note', { name: describe(item) });
    },
    onDragOver: ({ active, over }) => {
      if (dataOf(active)?.kind !== 'note') return undefined;
      const target = dataOf(over);
      if (target === null) return t('dnd.over.canvas');
      return t(target.kind === 'cluster' ? 'dnd.over.cluster' : 'dnd.over.note', { name: describe(target) });
    },
    onDragEnd: ({ active, over }) => {
      const item = dataOf(active);
      if (item?.kind === 'cluster') return t('dnd.end.cluster', { name: describe(item) });
      const target = dataOf(over);
      if (target === null) return t('dnd.end.canvas');
      return t(target.kind === 'cluster' ? 'dnd.end.cluster-target' : 'dnd.end.note', { name: describe(target) });
    },
    onDragCancel: () => t('dnd.cancel'),
  };

  const worldDelta = (delta: { x: number; y: number }) => {
    const { zoom } = viewport.get();
    return { x: delta.x / zoom, y: delta.y / zoom };
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    gestureLock.dragging = true;
    const item = dataOf(active);
    if (item?.kind === 'note') {
      localDrag.raise(item.id);
      const note = store.getNote(item.id);
      // Positions during and after the drag count from here: another person's drop of the same
      // note, stored meanwhile, must not shift this one (last drop wins, where it was dropped).
      dragOrigin.current = note === undefined ? null : { x: note.x, y: note.y };
      localDrag.setNearby(store.allNotes(), note ?? null, item.id);
    }
    lastPresence.current = 0;
  };

  const onDragMove = ({ active, delta }: DragMoveEvent) => {
    const item = dataOf(active);
    if (item === null) return;
    const d = worldDelta(delta);
    if (item.kind === 'cluster') localDrag.setClusterOffset(item.id, d);
    else {
      const note = dragOrigin.current ?? store.getNote(item.id);
      localDrag.setNearby(store.allNotes(), note ? { x: note.x + d.x, y: note.y + d.y } : null, item.id);
    }
    const now = performance.now();
    if (now - lastPresence.current < PRESENCE_INTERVAL_MS) return;
    lastPresence.current = now;
    if (item.kind === 'note') {
      const note = dragOrigin.current ?? store.getNote(item.id);
      if (note) presence.setLocal('drag', { noteId: item.id, x: Math.round(note.x + d.x), y: Math.round(note.y + d.y) });
    } else {
      const cluster = store.getCluster(item.id);
      if (cluster) presence.setLocal('clusterDrag', { clusterId: item.id, x: Math.round(cluster.x + d.x), y: Math.round(cluster.y + d.y) });
    }
  };

  const finish = (item: DndData | null) => {
    dragOrigin.current = null;
    gestureLock.dragging = false;
    gestureLock.lastDragEnd = performance.now();
    if (item?.kind === 'cluster') localDrag.setClusterOffset(item.id, null);
    localDrag.setNearby([], null, null);
    localDrag.setTarget(null);
    presence.setLocal('drag', null);
    presence.setLocal('clusterDrag', null);
  };

  /** On a board with zones, says when a drop changed zone, or was refused by a read-only zone. */
  const announceZone = (before: string | null, done: boolean, after: string | null | undefined) => {
    if (!done) announce(t('zone.refused'));
    else if (after != null && after !== before) announce(t('zone.droppedIn', { name: store.getZones().find((z) => z.id === after)?.title ?? '' }));
  };

  const onDragOver = ({ over }: DragOverEvent) => {
    const target = dataOf(over);
    localDrag.setTarget(target?.kind === 'note' ? target.id : null);
  };

  const onDragEnd = ({ active, over, delta }: DragEndEvent) => {
    const item = dataOf(active);
    const d = worldDelta(delta);
    if (item?.kind === 'note') {
      const note = store.getNote(item.id);
      const target = dataOf(over);
      const origin = dragOrigin.current ?? note;
      if (note !== undefined && origin !== undefined) {
        const to = { x: origin.x + d.x, y: origin.y + d.y };
        if (target?.kind === 'cluster') actions.putInCluster(item.id, target.id, to);
        else if (target?.kind === 'note') actions.clusterWith(item.id, target.id);
        else if (d.x !== 0 || d.y !== 0 || note.cluster !== null) announceZone(note.zone, actions.placeNote(item.id, to), store.getNote(item.id)?.zone);
      }
    } else if (item?.kind === 'cluster') {
      const cluster = store.getCluster(item.id);
      if (cluster !== undefined && (d.x !== 0 || d.y !== 0)) {
        announceZone(cluster.zone, actions.moveCluster(item.id, { x: cluster.x + d.x, y: cluster.y + d.y }), store.getCluster(item.id)?.zone);
      }
    }
    finish(item);
  };

  const accessibility = { announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={accessibility}
      autoScroll={false}
      measuring={measuring}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={({ active }) => finish(dataOf(active))}
    >
      {children}
      <NoteDropTargets localDrag={localDrag} readOnly={readOnly} />
    </DndContext>
  );
}

/** The notes near the dragged one, registered as drop targets on their cards. */
function NoteDropTargets({ localDrag, readOnly }: { localDrag: LocalDragStore; readOnly: boolean }) {
  const ids = useNearbyNotes(localDrag);
  if (readOnly) return null;
  return <>{ids.map((id) => <NoteDropTarget key={id} id={id} localDrag={localDrag} />)}</>;
}

function NoteDropTarget({ id, localDrag }: { id: string; localDrag: LocalDragStore }) {
  const data = useMemo<DndData>(() => ({ kind: 'note', id }), [id]);
  const { setNodeRef } = useDroppable({ id: `note:${id}`, data });
  useLayoutEffect(() => {
    setNodeRef(localDrag.getElement(id) ?? null);
    return () => setNodeRef(null);
  }, [setNodeRef, localDrag, id]);
  return null;
}
