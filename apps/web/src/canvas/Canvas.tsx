import { memo, useEffect, useId, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

import { useT } from '../i18n/index.js';
import { useClusterIds, useNoteIds } from '../sync/hooks.js';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@concerto/board';
import type { Rect } from '@concerto/board';
import { useCursors } from '../sync/usePresence.js';
import { ClusterFrame } from './ClusterFrame.js';
import { ZoneLayer } from './ZoneLayer.js';
import { DraftLayer } from './DraftLayer.js';
import { NoteCard } from './NoteCard.js';
import { notesToMount } from './mountOrder.js';
import { useBoardBounds, useFitBoard } from './boardBounds.js';
import { useCanvas } from './roomContext.js';
import { useAddNote } from './useAddNote.js';
import { useGestures } from './useGestures.js';
import type { GestureHandlers } from './useGestures.js';
import { coveredInsets, READABLE_ZOOM, useViewport } from './viewport.js';
import type { Viewport, ViewportStore } from './viewport.js';

const CURSOR_INTERVAL_MS = 100;
const PAN_STEP = 60;

/**
 * The large canvas: pan and zoom, notes and clusters placed freely, others' cursors. Panning
 * and zooming re-render only the world's transform; the note and cluster layers are memoised
 * and re-render only when a note or cluster is added or removed.
 */
export function Canvas({ cursorsOn, loads }: { cursorsOn: boolean; loads: number }) {
  const { room, viewport, readOnly, drafts } = useCanvas();
  const bounds = useBoardBounds();
  const fit = useFitBoard();
  const t = useT();
  const element = useRef<HTMLDivElement>(null);
  const helpId = useId();
  const addNote = useAddNote();
  const lastCursor = useRef(0);
  const noteCount = useNoteIds().length;
  const clusterCount = useClusterIds().length;
  const draftCount = useSyncExternalStore(drafts?.store.subscribeNoteIds ?? noSubscribe, drafts?.store.getNoteIds ?? noIds).length;
  // A zoned board says what to write under each zone's question; the general hint would only
  // cover the first zone (the carried-over axis, on « Enjeux – Objectifs – Actions »).
  const zoned = useSyncExternalStore(room.store.subscribeZones, room.store.getZones).length > 0;

  const handlers = useRef<GestureHandlers>({ onDoubleTap: () => {}, onHover: () => {} });
  handlers.current = {
    onDoubleTap: (world) => {
      if (!readOnly) addNote({ x: world.x - NOTE_WIDTH / 2, y: world.y - NOTE_HEIGHT / 2 });
    },
    onHover: (world) => {
      if (!cursorsOn) return;
      const now = performance.now();
      if (now - lastCursor.current < CURSOR_INTERVAL_MS) return;
      lastCursor.current = now;
      room.presence.setLocal('cursor', { x: Math.round(world.x), y: Math.round(world.y) });
    },
  };
  useGestures(element, viewport, handlers);

  // Fitting, revealing and placing keep clear of the toolbars floating over the canvas.
  useEffect(() => {
    viewport.measureInsets = () => {
      const canvasElement = element.current;
      const main = canvasElement?.closest('.canvas-main');
      if (canvasElement === null || main === null || main === undefined) return { top: 0, bottom: 0 };
      const overlays = [...main.querySelectorAll('.toolbar-group, .panel-toggle')].map((el) => el.getBoundingClientRect());
      return coveredInsets(canvasElement.getBoundingClientRect(), overlays);
    };
  }, [viewport]);

  useEffect(() => {
    if (!cursorsOn) room.presence.setLocal('cursor', null);
  }, [cursorsOn, room]);

  // Show everything when the board arrives (from this device's copy, then from the server),
  // unless the person already moved their view or is writing on the board: on a slow link the
  // server's copy can come seconds after this device's, and the note being typed must not move.
  useEffect(() => {
    if (loads > 0 && !viewport.touched && !writingIn(element.current)) viewport.set(arrivalView(viewport, bounds));
  }, [loads, room.store, viewport, bounds]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== element.current || event.ctrlKey || event.metaKey || event.altKey) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => viewport.panBy(PAN_STEP, 0),
      ArrowRight: () => viewport.panBy(-PAN_STEP, 0),
      ArrowUp: () => viewport.panBy(0, PAN_STEP),
      ArrowDown: () => viewport.panBy(0, -PAN_STEP),
      '+': () => viewport.zoomBy(1.2),
      '=': () => viewport.zoomBy(1.2),
      '-': () => viewport.zoomBy(1 / 1.2),
      '0': fit,
    };
    const action = actions[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  };

  return (
    <div
      ref={element}
      className="canvas"
      role="region"
      aria-label={t('canvas.label')}
      aria-describedby={helpId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerLeave={() => room.presence.setLocal('cursor', null)}
    >
      <p id={helpId} className="sr-only">{t(readOnly ? 'canvas.help.readOnly' : 'canvas.help')}</p>
      <World>
        <ZoneLayer />
        <ClusterLayer />
        <NoteLayer />
        {drafts !== null && <DraftLayer drafts={drafts} />}
        {cursorsOn && <CursorLayer />}
      </World>
      {noteCount + clusterCount + draftCount === 0 && !zoned && (
        <p className="canvas-empty">
          {readOnly ? t('canvas.empty.readOnly') : (
            <>
              <span className="wide-only">{t('canvas.empty')}</span>
              <span className="narrow-only">{t('canvas.empty.phone')}</span>
            </>
          )}
        </p>
      )}
    </div>
  );
}

const NO_IDS: readonly string[] = [];
function noSubscribe(): () => void {
  return () => {};
}
function noIds(): readonly string[] {
  return NO_IDS;
}

function World({ children }: { children: ReactNode }) {
  const { viewport } = useCanvas();
  const { x, y, zoom } = useViewport(viewport);
  return (
    <div className="canvas-world" style={{ transform: `translate(${x}px, ${y}px) scale(${zoom})` }}>
      {children}
    </div>
  );
}

/** The view on arrival: the whole board, unless that would make the notes unreadable. */
/** whether the focus is in a text field on the board (a note's text, a cluster's title) */
function writingIn(board: HTMLElement | null): boolean {
  const active = document.activeElement;
  return board !== null && active !== null && board.contains(active) && active.matches('textarea, input');
}

function arrivalView(viewport: ViewportStore, bounds: () => Rect | null): Viewport {
  return viewport.fitted(bounds(), 32, READABLE_ZOOM);
}

/** A board up to this size mounts at once; a larger one mounts what is on screen first, alone. */
const AT_ONCE = 60;
/** Script time given to each later batch of notes, so style, layout and paint still fit in the frame. */
const BATCH_BUDGET_MS = 6;
/** At least this many a frame: on a busy machine, where every batch seems slow, 1,000 notes still fill in 50 frames. */
const MIN_BATCH = 20;
const MAX_BATCH = 200;

/**
 * When a whole board arrives (a thousand notes), mounting and laying out every card in one task
 * would keep the page blank for a second: every note on screen is mounted in the first frame
 * (the first full view), and the others are added over the next frames, in document order
 * (`mountOrder.ts`: the DOM stays in document order, so stacking never changes), each batch
 * sized from the time the previous one took so no frame is dropped. Nothing is virtualised:
 * at most 50 frames after a 1,000-note board arrives every note is in the DOM, so find-in-page
 * and screen readers reach all of them. (`content-visibility: auto` on the notes' text was
 * tried and left out: the first view mounts only on-screen notes anyway, and its effect on drag
 * and remote-burst frames was not shown to be harmless; see apps/web/README.md.)
 */
const NoteLayer = memo(function NoteLayer() {
  const { room, viewport } = useCanvas();
  const bounds = useBoardBounds();
  const ids = useNoteIds();
  // how many notes to mount at least: none but those on screen in the first batch
  const [limit, setLimit] = useState(0);
  const mounted = useRef<ReadonlySet<string>>(new Set());
  const batch = useRef({ size: MIN_BATCH, startedAt: 0 });
  batch.current.startedAt = performance.now();
  let shown = ids;
  if (ids.length > Math.max(limit, AT_ONCE)) {
    // The first batch: unless the person moved it, the view is the one the canvas fits to when
    // the board arrives (the fit runs after this render: reading the current view would mount
    // the wrong notes). Planned once: it measures the toolbars, which forces a layout.
    const planned = limit === 0 && !viewport.touched;
    const seen = viewport.shownWorld(planned ? arrivalView(viewport, bounds) : viewport.get());
    shown = notesToMount(ids, limit, (id) => {
      if (mounted.current.has(id)) return true;
      const note = room.store.getNote(id);
      return note !== undefined && note.x < seen.x + seen.width && note.x + NOTE_WIDTH > seen.x && note.y < seen.y + seen.height && note.y + NOTE_HEIGHT > seen.y;
    });
  }
  const pending = ids.length > shown.length;
  useLayoutEffect(() => {
    const added = shown.length - mounted.current.size;
    mounted.current = new Set(shown);
    if (!pending) return;
    // The next batch: as many notes as fit in the budget at the pace this one went.
    if (added > 0) {
      const took = Math.max(0.5, performance.now() - batch.current.startedAt);
      batch.current.size = Math.round(Math.min(MAX_BATCH, Math.max(MIN_BATCH, (added * BATCH_BUDGET_MS) / took)));
    }
    const frame = requestAnimationFrame(() => setLimit(shown.length + batch.current.size));
    return () => cancelAnimationFrame(frame);
  }, [shown, pending]);
  return (
    <div className="note-layer">
      {shown.map((id) => <NoteCard key={id} id={id} />)}
    </div>
  );
});

const ClusterLayer = memo(function ClusterLayer() {
  const ids = useClusterIds();
  return (
    <div className="cluster-layer">
      {ids.map((id) => <ClusterFrame key={id} id={id} />)}
    </div>
  );
});

function CursorLayer() {
  const { room, viewport } = useCanvas();
  const cursors = useCursors(room.presence, true);
  const { zoom } = useViewport(viewport);
  return (
    <div className="cursor-layer" aria-hidden="true">
      {cursors.map((cursor) => (
        <div
          key={cursor.clientId}
          className="cursor"
          style={{ transform: `translate(${cursor.x}px, ${cursor.y}px) scale(${1 / zoom})`, color: cursor.color }}
        >
          <svg width="18" height="18" viewBox="0 0 18 18"><path d="M1 1l6 16 2.5-6.5L16 8z" fill="currentColor" stroke="#fff" strokeWidth="1.5" /></svg>
          <span className="cursor-name" style={{ background: cursor.color }}>{cursor.name}</span>
        </div>
      ))}
    </div>
  );
}
