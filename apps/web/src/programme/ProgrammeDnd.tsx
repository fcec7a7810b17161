import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { DndContext, DragOverlay, KeyboardSensor, MouseSensor, TouchSensor, pointerWithin, useSensor, useSensors } from '@dnd-kit/core';
import type { Announcements, CollisionDetection, DragEndEvent } from '@dnd-kit/core';
import type { ConsolidatedTheme } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { listWalker } from '../plenary/keyboardWalk.js';
import { dropId, themeOfDnd } from './dndIds.js';

/**
 * Merging consolidated themes by drag and drop, as the plenary's ThemeDnd does for ideas:
 * mouse, touch after a long press (a swipe still scrolls), and keyboard, where the arrows walk
 * the other themes in list order instead of moving pixels. Each step is said in words; the
 * merge itself is announced by the page once stored.
 */
export function ProgrammeDnd({ themes, onMerge, announce, children }: {
  themes: readonly ConsolidatedTheme[];
  onMerge: (sourceId: string, targetId: string) => void;
  announce: (message: string) => void;
  children: ReactNode;
}) {
  const t = useT();
  const [dragged, setDragged] = useState<string | null>(null);
  const keyboardTarget = useRef<string | null>(null);
  const title = (id: string | null) => themes.find((c) => c.id === id)?.title ?? '';

  // The arrows walk the other themes, in list order.
  const coordinateGetter = listWalker((active) => themes.filter((c) => c.id !== themeOfDnd(active)).map((c) => dropId(c.id)), keyboardTarget);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  /** Under a pointer: the theme it is over; with the keyboard: the theme the arrows chose. */
  const collisionDetection: CollisionDetection = (args) => {
    if (args.pointerCoordinates === null) return keyboardTarget.current === null ? [] : [{ id: keyboardTarget.current }];
    return pointerWithin(args);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('programme.dnd.start', { name: title(themeOfDnd(active.id)) }),
    onDragOver: ({ active, over }) => {
      const target = over === null ? null : themeOfDnd(over.id);
      if (target === null || target === themeOfDnd(active.id)) return t('programme.dnd.none');
      return t('programme.dnd.over', { name: title(target) });
    },
    onDragEnd: () => undefined,
    onDragCancel: () => t('programme.dnd.cancel'),
  };

  const end = () => {
    setDragged(null);
    keyboardTarget.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    end();
    const source = themeOfDnd(active.id);
    const target = over === null ? null : themeOfDnd(over.id);
    if (source === null || target === null || source === target) {
      announce(t('programme.dnd.cancel'));
      return;
    }
    onMerge(source, target);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('programme.dnd.instructions') } }}
      onDragStart={({ active }) => setDragged(themeOfDnd(active.id))}
      onDragEnd={onDragEnd}
      onDragCancel={end}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragged !== null && <div className="consolidated-theme consolidated-theme--overlay"><p>{title(dragged)}</p></div>}
      </DragOverlay>
    </DndContext>
  );
}
