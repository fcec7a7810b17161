import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { openSheet, PRIORITY_ACTIONS_ZONE } from '@concerto/board';
import type { Phase, SessionControl, SheetField } from '@concerto/board';
import type { SessionDescription } from '@concerto/contract';

import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { StorageBanner } from '../app/StorageBanner.js';
import { PhaseHint } from '../control/PhaseHint.js';
import { TimerDisplay } from '../control/TimerDisplay.js';
import { useT } from '../i18n/index.js';
import { ForgetLink } from '../session/ForgetLink.js';
import { LinkProblem } from '../session/LinkProblem.js';
import { FacilitatorNav } from '../session/SessionNav.js';
import { loadCursorsOn, saveCursorsOn } from '../session/storage.js';
import { BoardStoreContext } from '../sync/hooks.js';
import type { NoteOrigin } from '../sync/actions.js';
import { useRoom } from '../sync/useRoom.js';
import type { ConnectionState, Room } from '../sync/useRoom.js';
import { Canvas } from './Canvas.js';
import { CanvasDnd } from './CanvasDnd.js';
import { CanvasHeader } from './CanvasHeader.js';
import { PlenaryLink } from './PlenaryLink.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { useKeyIdeaBudget } from './keyIdeaBudget.js';
import { KeyIdeasPanel } from './KeyIdeasPanel.js';
import { LocalDragStore } from './localDrag.js';
import { PhoneNoteForm } from './PhoneNoteForm.js';
import { fitBoard } from './placement.js';
import { PresenceBar } from './PresenceBar.js';
import { CanvasContext, useCanvas } from './roomContext.js';
import type { CanvasContextValue, ReadOnlyReason } from './roomContext.js';
import { Toast } from './Toast.js';
import type { ToastMessage } from './Toast.js';
import { ActionSheet } from '../sheets/ActionSheet.js';
import { Toolbar } from './Toolbar.js';
import { CarriedOverBlock, carriedOverOf } from '../programme/CarriedOverBlock.js';
import { CarriedOverPhone } from '../programme/CarriedOverPhone.js';
import { useAddNote } from './useAddNote.js';
import { useDraftPhase, useDraftsDoc, useFitAfterReveal } from './useDrafts.js';
import { ViewportStore } from './viewport.js';
import { ZoneSections } from './ZoneSections.js';
import { ZoneStrip } from './ZoneStrip.js';

export interface CanvasPageProps {
  session: SessionDescription;
  groupId: string;
  token: string;
  /** the action-sheet phase: the person id whose chosen axis this page writes on */
  person?: string;
  name: string;
  onRename: () => void;
  readOnlyReason: ReadOnlyReason;
  /** the session's live control state, from the plenary room (timer, phase…) */
  control: SessionControl;
  /** the phase to follow: the server's once `controlSynced`, else the last one seen here */
  phase: Phase | null;
  /** `control` is the server's, not the empty state a page starts with */
  controlSynced: boolean;
  /** the server's clock minus this device's, for the timer */
  offsetMs: number;
  /** the session's action sheet fields, from the plenary (issue 11 §4) */
  sheetTemplate: readonly SheetField[];
  /** a session by theme: the round and group new notes record */
  noteOrigin?: NoteOrigin | null;
  /** a session by theme: where the rounds stand, under the header */
  notice?: ReactNode;
}

/** A group's canvas page: the room's lifecycle, the shared context, and the page layout. */
export default function CanvasPage(props: CanvasPageProps) {
  const { session, groupId, token, name, readOnlyReason } = props;
  const readOnly = readOnlyReason !== null;
  const { room, connection, failure, loads } = useRoom({
    sessionId: session.id,
    roomId: groupId,
    token,
    person: props.person,
    name,
    keyIdeaLimit: session.keyIdeaLimit,
    readOnly,
    noteOrigin: props.noteOrigin,
  });
  const t = useT();
  if (failure !== null) return <LinkProblem reason={failure} />;
  if (room === null) return <p className="loading" role="status">{t('common.loading')}</p>;
  return <CanvasLayout {...props} room={room} connection={connection} loads={loads} />;
}

function CanvasLayout(props: CanvasPageProps & { room: Room; connection: ConnectionState; loads: number }) {
  const { room, session, groupId, token, name, readOnlyReason, connection, loads, control, phase } = props;
  const readOnly = readOnlyReason !== null;
  const t = useT();
  const [viewport] = useState(() => new ViewportStore());
  const [localDrag] = useState(() => new LocalDragStore());
  const pendingEdit = useRef<string | null>(null);
  const pendingLabel = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [cursorsOn, setCursorsOn] = useState(loadCursorsOn);
  const [writing, setWriting] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const [writingFor, setWritingFor] = useState(false);
  /** the zone « Écrire une note dans … » was chosen for, on a phone */
  const [writingIn, setWritingIn] = useState<string | null>(null);
  // Only a participant in their own group writes drafts; the facilitator writes for the group.
  // A rotating group writes its drafts on the board of its round.
  const ownGroup = session.you.role === 'participant' && (session.you.groupId === groupId || props.noteOrigin?.group === session.you.groupId);
  const { drafts, loaded: draftsLoaded } = useDraftsDoc(session.id, groupId, ownGroup, name, props.noteOrigin ?? null);

  const announce = useCallback((message: string) => {
    // A repeated message must still be heard: alternate a trailing no-break space.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);
  const showToast = useCallback((message: string, undoable: boolean) => {
    setToast({ key: Date.now(), message, undoable });
  }, []);
  const closeToast = useCallback(() => setToast(null), []);
  // Stable: the form focuses its first field when this changes.
  const closeWriting = useCallback(() => setWriting(false), []);
  const closeWritingFor = useCallback(() => setWritingFor(false), []);
  const [sheetFor, setSheetFor] = useState<string | null>(null);
  const template = useRef(props.sheetTemplate);
  template.current = props.sheetTemplate;
  const showSheet = useCallback((keyIdeaId: string) => {
    // Opening an idea's sheet for the first time creates it (board SPEC S2); a reader only looks.
    if (!readOnly) openSheet(room.doc, keyIdeaId, template.current, {}, room.actions.origin);
    setSheetFor(keyIdeaId);
  }, [room, readOnly]);
  const closeSheet = useCallback(() => setSheetFor(null), []);
  const closeWritingIn = useCallback(() => setWritingIn(null), []);
  const zones = useSyncExternalStore(room.store.subscribeZones, room.store.getZones);
  const zoned = zones.length > 0;
  // The read-only zone counts in a fit when it shows this board's carried-over axis (boardBounds.ts).
  const hasCarried = carriedOverOf(session.carriedOver, groupId).length > 0;
  // On a phone a zoned board reads as sections; the canvas stays one button away, for dragging.
  const [phoneCanvas, setPhoneCanvas] = useState(false);
  const showView = useCallback((canvas: boolean) => {
    setPhoneCanvas(canvas);
    // Two frames: the canvas, hidden until now, has been measured (ResizeObserver) before it is fitted.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (canvas) fitBoard(viewport, room.store, hasCarried);
      document.querySelector<HTMLElement>(canvas ? '.canvas' : '#zone-sections')?.focus({ preventScroll: true });
    }));
  }, [viewport, room, hasCarried]);
  const groupName = session.groups.find((g) => g.id === groupId)?.name ?? groupId;

  // The action-sheet phase is about the priority actions: people arrive on their zone.
  const arrivalZone = props.person === undefined ? null : PRIORITY_ACTIONS_ZONE;
  const context = useMemo<CanvasContextValue>(() => ({
    room, session, groupId, groupName, token, readOnly, readOnlyReason, viewport, localDrag, drafts,
    announce, toast: showToast, pendingEdit, pendingLabel, showSheet, arrivalZone,
  }), [room, session, groupId, groupName, token, readOnly, readOnlyReason, viewport, localDrag, drafts, announce, showToast, showSheet, arrivalZone]);

  useDraftPhase({
    drafts, loaded: draftsLoaded, room, phase, synced: props.controlSynced, readOnly, roomLoaded: loads > 0, announce,
  });
  const fitAll = useCallback(() => fitBoard(viewport, room.store, hasCarried), [viewport, room, hasCarried]);
  useFitAfterReveal(phase, props.controlSynced, fitAll);

  // This board's axis, as carried over from earlier sessions (issue 11 §3): in the read-only
  // zone when the board has one (ZoneLayer, ZoneSections), else in the side panel and folded
  // at the top on a phone.
  const carryZone = zones.some((zone) => zone.readOnly);
  const carriedOver = useMemo(() => (carryZone ? [] : carriedOverOf(session.carriedOver, groupId)), [carryZone, session.carriedOver, groupId]);

  useEffect(() => {
    document.title = `${groupName} · ${session.title} · Concerto`;
  }, [groupName, session.title]);

  // Arriving on the canvas (after the name form, which is gone now) the focus would be on
  // <body>: it goes to the first thing to do, « Ajouter une note » (« Écrire une note » on a phone).
  useEffect(() => {
    if (readOnly || (document.activeElement !== null && document.activeElement !== document.body)) return;
    const first = [...document.querySelectorAll<HTMLElement>('.toolbar button.primary')].find((el) => el.offsetParent !== null);
    first?.focus({ preventScroll: true });
  }, [readOnly]);

  return (
    <CanvasContext.Provider value={context}>
      <BoardStoreContext.Provider value={room.store}>
        <div className="canvas-page">
          {/* One banner landmark for the header and the notes about the whole page (read-only,
              vote, step), so landmark navigation reaches them too (axe `region`). */}
          <header className="canvas-top">
            <CanvasHeader>
              <TimerDisplay timer={control.closed ? null : control.timer} offsetMs={props.offsetMs} />
              <FacilitatorNav session={session} token={token} current="group" />
              {!control.vote?.open && session.you.role !== 'facilitator' && <PlenaryLink sessionId={session.id} voteOpen={false} />}
              <ConnectionStatus state={connection} />
              <PresenceBar name={readOnlyReason === 'projector' ? '' : name} onRename={props.onRename} />
              <LanguageSwitch />
            </CanvasHeader>
            {/* the phone form covers the page: it shows the banner itself meanwhile */}
            {!writing && !writingFor && <StorageBanner />}
            {readOnly && <p className="readonly-banner" role="status">{t(`readOnly.${readOnlyReason}`)}</p>}
            {control.vote?.open === true && readOnlyReason !== 'projector' && <PlenaryLink sessionId={session.id} voteOpen />}
            {props.notice}
            {!readOnly && <BoardPhaseHint phase={phase} />}
            <CarriedOverPhone items={carriedOver} />
          </header>
          <main className={`canvas-main${zoned && !phoneCanvas ? ' canvas-main--zoned' : ''}`}>
            {/* Every zone by name, one click from view: five columns do not fit a laptop readably.
                Before the canvas, so Tab reaches it before every note. */}
            <ZoneStrip />
            <CanvasDnd>
              <Canvas cursorsOn={cursorsOn} loads={loads} />
            </CanvasDnd>
            {/* On a phone a board with zones reads as sections, one above the other (CSS picks). */}
            {!phoneCanvas && <ZoneSections onWrite={setWritingIn} onShowCanvas={() => showView(true)} />}
            <Toolbar
              cursorsOn={cursorsOn}
              onCursorsChange={(on) => {
                setCursorsOn(on);
                saveCursorsOn(on);
              }}
              onWrite={() => setWriting(true)}
              onWriteFor={() => setWritingFor(true)}
              {...(zoned ? { onZoneSections: () => showView(false) } : {})}
            />
            <PanelToggle open={panelOpen} onToggle={() => setPanelOpen((open) => !open)} />
            <aside className={`side-panel${panelOpen ? ' side-panel--open' : ''}`} id="key-ideas-panel">
              <button type="button" className="icon-button panel-close" aria-label={t('common.close')} onClick={() => setPanelOpen(false)}>×</button>
              {/* This board's axis, as carried over from earlier sessions (issue 11 §3). */}
              <CarriedOverBlock items={carriedOver} />
              <KeyIdeasPanel />
              <ForgetLink sessionId={session.id} />
            </aside>
            <Toast toast={toast} onUndo={() => room.undo.undo()} onClose={closeToast} />
          </main>
          {writing && <PhoneNoteForm onClose={closeWriting} />}
          {writingFor && <PhoneNoteForm forSomeone onClose={closeWritingFor} />}
          {sheetFor !== null && <ActionSheet keyIdeaId={sheetFor} template={props.sheetTemplate} onClose={closeSheet} />}
          {writingIn !== null && <PhoneNoteForm zone={writingIn} onClose={closeWritingIn} />}
          {!readOnly && <Shortcuts />}
          <div className="sr-only" aria-live="polite">{announcement}</div>
        </div>
      </BoardStoreContext.Provider>
    </CanvasContext.Provider>
  );
}

/** The step's hint, with the number of key ideas this board takes (per zone on a zoned board). */
function BoardPhaseHint({ phase }: { phase: Phase | null }) {
  const { capacity, perZone } = useKeyIdeaBudget();
  return <PhaseHint phase={phase} keyIdeaLimit={capacity} zoned={perZone.length > 0} />;
}

/** On small screens the key ideas open as a sheet over the canvas. */
function PanelToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const t = useT();
  const { counted, capacity, perZone } = useKeyIdeaBudget();
  return (
    <button type="button" className="panel-toggle" aria-expanded={open} aria-controls="key-ideas-panel" onClick={onToggle}>
      {/* On a zoned board what is chosen; the panel says each zone's limit (no summed figure). */}
      {perZone.length > 0 ? t('zone.keyIdeasToggle', { count: counted.length }) : t('keyIdeas.title', { count: counted.length, limit: capacity })}
    </button>
  );
}

/** Alt+N adds a note; Ctrl+Z / Ctrl+Shift+Z undo and redo one's own changes outside text fields. */
function Shortcuts() {
  const { room } = useCanvas();
  const addNote = useAddNote();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('textarea, input, [contenteditable="true"]') !== null && target !== null;
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
        event.preventDefault();
        addNote();
        return;
      }
      if (typing || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) room.undo.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') room.undo.redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [room, addNote]);
  return null;
}
