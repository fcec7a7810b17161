import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { Announcements, CollisionDetection, DragEndEvent, DragStartEvent } from '@dnd-kit/core';

import { useT } from '../i18n/index.js';
import { dropId, dropOf, dragOf, keyboardOrder } from './dndIds.js';
import type { Drop } from './dndIds.js';
import { excerpt, indexIdeas, themeOfIdeas } from './ideas.js';
import { listWalker } from './keyboardWalk.js';
import { usePlenary } from './plenaryContext.js';

function inside(point: { x: number; y: number }, rect: { left: number; top: number; width: number; height: number }) {
  return point.x >= rect.left && point.x <= rect.left + rect.width && point.y >= rect.top && point.y <= rect.top + rect.height;
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/**
 * Drag and drop of ideas into themes, with mouse, touch (after a long press, so a swipe still
 * scrolls) and keyboard. The keyboard walks the drop places in reading order (the groups'
 * ideas, then each theme and each idea in it) rather than moving pixels. Every drop has a menu
 * equivalent in the idea's options (IdeaMenu), and every step is said in words.
 */
export function ThemeDnd({ children }: { children: ReactNode }) {
  const t = useT();
  const { store, actions, announce } = usePlenary();
  const [dragged, setDragged] = useState<string | null>(null);
  // Where the keyboard has moved the idea to; pointers use their own position instead.
  const keyboardTarget = useRef<string | null>(null);
  // The idea is over its own place as the drag starts: saying so would cut « Idée … saisie ».
  const startPlace = useRef<string | null>(null);

  const lookup = () => {
    const { plenary } = store.getView();
    return { plenary, ideas: indexIdeas(plenary), themeOf: themeOfIdeas(plenary) };
  };
  const ideaName = (id: string) => excerpt(lookup().ideas.get(id)?.idea.text ?? '');
  const themeName = (id: string) => lookup().plenary.themes.find((theme) => theme.id === id)?.label.trim() || t('plenary.theme.untitled');

  const coordinateGetter = listWalker(() => keyboardOrder(lookup().plenary), keyboardTarget);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  /** The pointer's innermost drop place (an idea inside a theme before the theme); the keyboard's chosen one. */
  const collisionDetection: CollisionDetection = ({ droppableRects, droppableContainers, pointerCoordinates }) => {
    if (pointerCoordinates === null) return keyboardTarget.current === null ? [] : [{ id: keyboardTarget.current }];
    let best: { id: string; area: number } | null = null;
    for (const container of droppableContainers) {
      const rect = droppableRects.get(container.id);
      if (rect === undefined || !inside(pointerCoordinates, rect)) continue;
      const area = rect.width * rect.height;
      if (best === null || area < best.area) best = { id: String(container.id), area };
    }
    return best === null ? [] : [{ id: best.id }];
  };

  const describeOver = (drop: Drop | null) => {
    if (drop === null) return t('plenary.dnd.over.none');
    if (drop.kind === 'pool') return t('plenary.dnd.over.pool');
    if (drop.kind === 'theme') return t('plenary.dnd.over.theme', { name: themeName(drop.themeId) });
    return t('plenary.dnd.over.slot', { idea: ideaName(drop.ideaId), name: themeName(drop.themeId) });
  };

  /** Applies a drop and says what happened (the same words as the menu's). */
  const drop = (ideaId: string, target: Drop | null): string => {
    const { plenary, themeOf } = lookup();
    const from = themeOf.get(ideaId);
    if (actions === null || target === null) return t('plenary.dnd.end.none');
    if (target.kind === 'pool') {
      if (from === undefined) return t('plenary.dnd.end.none');
      actions.takeOut(ideaId, from.id);
      return t('plenary.done.takenOut', { name: themeName(from.id) });
    }
    if (target.kind === 'slot' && target.ideaId === ideaId) return t('plenary.dnd.end.none');
    const theme = plenary.themes.find((candidate) => candidate.id === target.themeId);
    if (theme === undefined) return t('plenary.dnd.end.none');
    const index = target.kind === 'slot' ? theme.ideaIds.indexOf(target.ideaId) : undefined;
    actions.placeIdea(ideaId, theme.id, index);
    if (from?.id !== theme.id && target.kind === 'theme') return t('plenary.done.added', { name: themeName(theme.id) });
    const position = (store.getView().plenary.themes.find((c) => c.id === theme.id)?.ideaIds.indexOf(ideaId) ?? 0) + 1;
    return t('plenary.done.moved', { position, name: themeName(theme.id) });
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('plenary.dnd.start', { name: ideaName(dragOf(active.id)?.ideaId ?? '') }),
    onDragOver: ({ over }) => {
      const start = startPlace.current;
      startPlace.current = null;
      if (over !== null && String(over.id) === start) return undefined;
      return describeOver(over === null ? null : dropOf(over.id));
    },
    // The drop itself is said by onDragEnd below, once it is applied.
    onDragEnd: () => undefined,
    onDragCancel: () => t('plenary.dnd.cancel'),
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const ideaId = dragOf(active.id)?.ideaId ?? null;
    setDragged(ideaId);
    const theme = ideaId === null ? undefined : lookup().themeOf.get(ideaId);
    keyboardTarget.current = theme === undefined || ideaId === null ? dropId({ kind: 'pool' }) : dropId({ kind: 'slot', themeId: theme.id, ideaId });
    startPlace.current = keyboardTarget.current;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const ideaId = dragOf(active.id)?.ideaId;
    setDragged(null);
    keyboardTarget.current = null;
    if (ideaId !== undefined) announce(drop(ideaId, over === null ? null : dropOf(over.id)));
  };

  const accessibility = { announcements, screenReaderInstructions: { draggable: t('plenary.dnd.instructions') } };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={accessibility}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragged(null);
        keyboardTarget.current = null;
      }}
    >
      {children}
      <DragOverlay dropAnimation={reducedMotion() ? null : undefined}>
        {dragged !== null && <div className="idea-card idea-card--overlay"><p className="idea-text">{ideaName(dragged)}</p></div>}
      </DragOverlay>
    </DndContext>
  );
}
