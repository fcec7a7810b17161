import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent as ReactKeyboardEvent, MouseEvent, TouchEvent } from 'react';
import { useDraggable } from '@dnd-kit/core';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';

import { colorMessage, useT } from '../i18n/index.js';
import type { NoteView } from '../sync/boardStore.js';
import { useCluster, useNote, useZones } from '../sync/hooks.js';
import { noteRect } from '@concerto/board';
import type { Point } from '@concerto/board';
import { useNotePresence } from '../sync/usePresence.js';
import type { DndData } from './CanvasDnd.js';
import { clusterTitle } from './labels.js';
import { useClusterOffset, useIsDropTarget, useRaise } from './localDrag.js';
import { NoteEditor } from './NoteEditor.js';
import { NoteMenu } from './NoteMenu.js';
import { NoteOriginLabel } from '../rotation/NoteOriginLabel.js';
import { useCanvas } from './roomContext.js';
import { gestureLock } from './useGestures.js';
import { DragIcon, MoreIcon, StarIcon } from './icons.js';

/** How long a note dropped by someone else stays where they dropped it, waiting for the stored move. */
export const SETTLE_MS = 3000;

/**
 * Someone else's drag of a note, kept after it ends until the stored move arrives. Their drag's
 * end travels through awareness, which the server relays at once, while the move is stored
 * first: without this the note would jump back to its old place for a moment. It lets go when
 * the stored position changes, or after SETTLE_MS (a drop that wrote nothing, a lost update).
 */
function useSettlingDrag(drag: (Point & { name: string }) | null, note: { x: number; y: number } | undefined): (Point & { name: string }) | null {
  const [settling, setSettling] = useState<{ at: Point & { name: string }; from: Point } | null>(null);
  const last = useRef<{ at: Point & { name: string }; from: Point } | null>(null);
  const nx = note?.x;
  const ny = note?.y;
  useEffect(() => {
    if (drag !== null && nx !== undefined && ny !== undefined) {
      // `from` is the stored place when their drag began: once it changes, their move is in.
      last.current = { at: drag, from: last.current?.from ?? { x: nx, y: ny } };
      setSettling(null);
    } else if (drag === null && last.current !== null) {
      setSettling(last.current);
      last.current = null;
    }
  }, [drag, nx, ny]);
  useEffect(() => {
    if (settling === null) return;
    if (nx !== settling.from.x || ny !== settling.from.y) {
      setSettling(null);
      return;
    }
    const timer = setTimeout(() => setSettling(null), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [settling, nx, ny]);
  if (drag !== null) return drag;
  // Also on the render where the drag just ended, before the effect above has run.
  const pending = settling ?? last.current;
  if (pending !== null && nx === pending.from.x && ny === pending.from.y) return pending.at;
  return null;
}

/** Pointer presses on these never start a drag of the note. */
const NO_DRAG = 'textarea, input, [data-no-drag]';

function fromDraggablePart(target: EventTarget): boolean {
  return !(target as Element).closest?.(NO_DRAG);
}

/**
 * One note on the canvas. It subscribes to its own note, its cluster and the presence about
 * it, so a change elsewhere on the board never renders it again. The body is memoised too:
 * moving the note re-renders only the positioned shell.
 */
export const NoteCard = memo(function NoteCard({ id }: { id: string }) {
  const { room, readOnly, localDrag } = useCanvas();
  const t = useT();
  const note = useNote(id);
  const cluster = useCluster(note?.cluster ?? null);
  const clusterOffset = useClusterOffset(localDrag, room.presence, cluster);
  const presence = useNotePresence(room.presence, id);
  const raise = useRaise(localDrag, id);
  const isTarget = useIsDropTarget(localDrag, id);

  const shownDrag = useSettlingDrag(presence.drag, note);
  if (note === undefined) return null;

  let x = note.x;
  let y = note.y;
  if (shownDrag !== null) {
    x = shownDrag.x;
    y = shownDrag.y;
  } else if (clusterOffset !== null) {
    x += clusterOffset.x;
    y += clusterOffset.y;
  }
  return (
    <NoteFrame
      note={note}
      x={x}
      y={y}
      remoteDrag={shownDrag !== null}
      localX={note.x + (clusterOffset?.x ?? 0)}
      localY={note.y + (clusterOffset?.y ?? 0)}
      raise={raise}
      clusterLabel={cluster === undefined ? null : clusterTitle(t, cluster.label)}
      editors={presence.editors}
      draggedBy={presence.drag?.name ?? null}
      isTarget={isTarget}
      readOnly={readOnly}
      roleDescription={t('dnd.roledescription')}
    />
  );
});

interface NoteFrameProps {
  note: NoteView;
  /** where the note is shown (someone else may be dragging it) */
  x: number;
  y: number;
  remoteDrag: boolean;
  /** where it starts from when dragged here */
  localX: number;
  localY: number;
  raise: number;
  clusterLabel: string | null;
  editors: readonly string[];
  draggedBy: string | null;
  isTarget: boolean;
  readOnly: boolean;
  roleDescription: string;
}

/**
 * The positioned shell, the one part that reads dnd-kit's context (which changes when a drag
 * starts, ends or changes target): it stays small, and the body is memoised.
 */
function NoteFrame(props: NoteFrameProps) {
  const { note, raise, readOnly, isTarget } = props;
  const { room, localDrag, viewport } = useCanvas();
  const id = note.id;
  const data = useMemo<DndData>(() => ({ kind: 'note', id }), [id]);
  const drag = useDraggable({ id: `note:${id}`, data, disabled: readOnly, attributes: { roleDescription: props.roleDescription } });
  const { setNodeRef: setDragRef } = drag;
  const setRefs = useCallback((node: HTMLElement | null) => {
    setDragRef(node);
    localDrag.setElement(id, node);
  }, [setDragRef, localDrag, id]);

  const reveal = useCallback((event: FocusEvent) => {
    const current = room.store.getNote(id);
    if (current !== undefined && event.target instanceof HTMLElement && event.target.matches(':focus-visible')) {
      viewport.reveal(noteRect(current));
    }
  }, [room.store, id, viewport]);

  // Where this person's own drag started: someone else's drop of the same note, stored while
  // it is dragged here, must not move it under their pointer (their drop lands where they drop).
  const dragStart = useRef<Point | null>(null);
  if (!drag.isDragging) dragStart.current = null;
  else if (dragStart.current === null) dragStart.current = { x: props.localX, y: props.localY };
  let x = props.x;
  let y = props.y;
  if (dragStart.current !== null) {
    x = dragStart.current.x;
    y = dragStart.current.y;
  }
  if (drag.transform !== null) {
    const { zoom } = viewport.get();
    x += drag.transform.x / zoom;
    y += drag.transform.y / zoom;
  }
  const moving = drag.isDragging || props.remoteDrag;
  const listeners = drag.listeners;
  const className = ['note', `note--${note.color}`, moving && 'note--moving', isTarget && 'note--target']
    .filter(Boolean).join(' ');

  return (
    <div
      ref={setRefs}
      className={className}
      // A plain 2D translate: a 3D one would give each of the (maybe 1,000) notes its own compositor
      // layer, and every frame would pay for them all. Only the note dragged here is promoted.
      style={{
        transform: `translate(${x}px, ${y}px)`,
        zIndex: moving ? 100000 : raise || undefined,
        willChange: drag.isDragging ? 'transform' : undefined,
      }}
      onMouseDown={(e: MouseEvent) => fromDraggablePart(e.target) && listeners?.onMouseDown?.(e)}
      onTouchStart={(e: TouchEvent) => fromDraggablePart(e.target) && listeners?.onTouchStart?.(e)}
      onFocus={reveal}
    >
      <NoteBody
        note={note}
        clusterLabel={props.clusterLabel}
        editors={props.editors}
        // « X déplace cette note » is for the others: never on one's own drag.
        draggedBy={drag.isDragging ? null : props.draggedBy}
        isTarget={isTarget}
        readOnly={readOnly}
        handleRef={drag.setActivatorNodeRef}
        attributes={drag.attributes}
        listeners={listeners}
      />
    </div>
  );
}

interface NoteBodyProps {
  note: NoteView;
  clusterLabel: string | null;
  editors: readonly string[];
  draggedBy: string | null;
  isTarget: boolean;
  readOnly: boolean;
  handleRef: (element: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
}

const NoteBody = memo(function NoteBody(props: NoteBodyProps) {
  const { note, clusterLabel, editors, draggedBy, isTarget, readOnly } = props;
  const { pendingEdit } = useCanvas();
  const t = useT();
  const zones = useZones();
  const zoneTitle = note.zone === null ? null : (zones.find((zone) => zone.id === note.zone)?.title ?? null);
  const [editing, setEditing] = useState(() => {
    if (readOnly || pendingEdit.current !== note.id) return false;
    pendingEdit.current = null;
    return true;
  });
  const [menuOpen, setMenuOpen] = useState(false);
  const textButton = useRef<HTMLButtonElement>(null);
  const optionsButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const textId = useId();
  const metaId = useId();

  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      textButton.current?.focus({ preventScroll: true });
    }
  }, [editing]);
  useEffect(() => {
    if (readOnly) setEditing(false);
  }, [readOnly]);

  const stopEditing = useCallback((keepFocus: boolean) => {
    refocus.current = keepFocus;
    setEditing(false);
  }, []);

  const startEditing = () => {
    // A click that ends a mouse drag is not a request to edit.
    if (performance.now() - gestureLock.lastDragEnd < 300) return;
    setEditing(true);
  };

  const onTextKey = (event: ReactKeyboardEvent) => {
    if (event.key === 'F2') {
      event.preventDefault();
      setEditing(true);
    }
  };

  const color = t(colorMessage(note.color));
  const empty = note.text.trim() === '';
  return (
    <article className="note-body" aria-labelledby={textId} aria-describedby={metaId}>
      {draggedBy !== null && <p className="note-badge">{t('note.draggedBy', { name: draggedBy })}</p>}
      {draggedBy === null && editors.length > 0 && (
        <p className="note-badge">{t('note.editedBy', { names: editors.join(', ') })}</p>
      )}
      {isTarget && <p className="note-badge note-badge--target">{t('note.dropToCluster')}</p>}
      {editing ? (
        <NoteEditor noteId={note.id} labelId={textId} onDone={stopEditing} />
      ) : readOnly ? (
        <p id={textId} className={`note-text${empty ? ' note-text--empty' : ''}`}>{empty ? t('note.empty') : note.text}</p>
      ) : (
        <button
          ref={textButton}
          id={textId}
          type="button"
          className={`note-text${empty ? ' note-text--empty' : ''}`}
          onClick={startEditing}
          onKeyDown={onTextKey}
          aria-describedby={metaId}
        >
          {empty ? t('note.emptyEditable') : note.text}
        </button>
      )}
      <footer className="note-footer">
        {!readOnly && (
          <button
            ref={props.handleRef}
            type="button"
            className="icon-button drag-handle"
            {...props.attributes}
            {...props.listeners}
            aria-label={t('note.drag')}
          >
            <DragIcon />
          </button>
        )}
        <span id={metaId} className="note-meta">
          <span className="note-author">{note.author || t('note.anonymous')}</span>
          <span aria-hidden="true"> · </span>
          <span className="sr-only">{t('note.colorLabel')} </span>
          <span>{color}</span>
          <NoteOriginLabel round={note.round} group={note.group} />
          {zoneTitle !== null && <span className="sr-only">{`. ${t('move.toZone', { name: zoneTitle })}`}</span>}
          {clusterLabel !== null && <span className="sr-only">{`. ${t('note.inCluster', { name: clusterLabel })}`}</span>}
          {note.keyIdeaId !== null && (
            <span className="note-key">
              <StarIcon />
              <span className="sr-only">{`. ${t('note.isKeyIdea')}`}</span>
            </span>
          )}
        </span>
        {!readOnly && (
          <button
            ref={optionsButton}
            type="button"
            className="icon-button note-options"
            data-no-drag
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            aria-label={t('note.options')}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MoreIcon />
          </button>
        )}
      </footer>
      {menuOpen && <NoteMenu note={note} anchor={optionsButton} onClose={() => setMenuOpen(false)} />}
    </article>
  );
});
