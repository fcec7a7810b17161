import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { isWritableZone, PRIORITY_ACTIONS_ZONE, zoneAt } from '@concerto/board';
import type { Zone } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { useNote, useNoteIds, useZones } from '../sync/hooks.js';
import type { Drafts } from './drafts.js';
import { MoreIcon, StarIcon } from './icons.js';
import { NoteMenu } from './NoteMenu.js';
import { carriedOverOf } from '../programme/CarriedOverBlock.js';
import { useCanvas } from './roomContext.js';
import { CarriedOverZone, ZoneHeading } from './ZoneLayer.js';

/**
 * A board with zones on a phone: the zones as sections one above the other, each under its
 * question, with its notes as a list and « Écrire une note dans … » (packages/board R28). The
 * note's options (« Déplacer vers… » another zone, key idea, colour) are the canvas's.
 */
export function ZoneSections({ onWrite, onShowCanvas }: { onWrite: (zoneId: string) => void; onShowCanvas: () => void }) {
  const zones = useZones();
  const t = useT();
  // Mounted only where it shows (the same width as the CSS switch): a large board's notes
  // are not laid out twice on a desktop.
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow);
  const { arrivalZone, session, groupId } = useCanvas();
  // The phase is about one zone (« Actions prioritaires » in the action-sheet phase): the page
  // opens on its section, once, rather than four sections above it.
  const arrived = useRef(false);
  const target = zones.some((zone) => zone.id === arrivalZone) ? arrivalZone : null;
  useEffect(() => {
    if (!narrow || target === null || arrived.current) return;
    arrived.current = true;
    document.getElementById(`zone-section-${target}`)?.closest('section')?.scrollIntoView({ block: 'start' });
  }, [narrow, target]);
  if (zones.length === 0 || !narrow) return null;
  // A board made before the template left the carried-over zone out when nothing is carried
  // over (board R25) still has it: on a phone its section would be empty, as if an axis had
  // been lost, so it is not shown. (The wide canvas keeps its column: the columns' places are
  // the notes' places.) The server keeps participants' notes out of it (R11b).
  const carried = carriedOverOf(session.carriedOver, groupId).length > 0;
  const shown = zones.filter((zone) => !zone.readOnly || carried);
  return (
    <div id="zone-sections" className="zone-sections" role="region" aria-label={t('zone.sections')} tabIndex={-1}>
      {/* The canvas is still there, for those who want to drag notes from zone to zone. */}
      <button type="button" className="zone-canvas-view" onClick={onShowCanvas}>{t('zone.canvasView')}</button>
      {shown.map((zone) => <ZoneSection key={zone.id} zone={zone} onWrite={onWrite} />)}
    </div>
  );
}

const NARROW = '(max-width: 640px)';
function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches;
}
function subscribeNarrow(listener: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function ZoneSection({ zone, onWrite }: { zone: Zone; onWrite: (zoneId: string) => void }) {
  const { readOnly, room, drafts } = useCanvas();
  const t = useT();
  const ids = useNoteIds();
  // Re-rendered when a note is added or removed; a note moving zone re-renders through its item.
  const inZone = ids.filter((id) => room.store.getNote(id)?.zone === zone.id);
  const headingId = `zone-section-${zone.id}`;
  return (
    <section className={`zone-section${zone.readOnly ? ' zone-frame--readonly' : ''}`} aria-labelledby={headingId}>
      <ZoneHeading zone={zone} headingId={headingId} />
      {zone.readOnly && <p className="zone-note">{t('zone.readOnly')}</p>}
      {zone.readOnly && <CarriedOverZone />}
      {inZone.length === 0 ? (zone.readOnly ? null : <p className="hint">{t('zone.empty')}</p>) : (
        <ul className="zone-notes">
          {inZone.map((id) => <ZoneNote key={id} id={id} zoneId={zone.id} />)}
        </ul>
      )}
      {drafts !== null && <ZoneDrafts drafts={drafts} zone={zone} />}
      {!readOnly && !zone.readOnly && (
        <button type="button" className="primary" onClick={() => onWrite(zone.id)}>{t('zone.write', { name: zone.title })}</button>
      )}
    </section>
  );
}

/**
 * This person's drafts of the zone (individual reflection), apart from the group's notes: they
 * go where they were written when the facilitator reveals them (drafts.ts).
 */
function ZoneDrafts({ drafts, zone }: { drafts: Drafts; zone: Zone }) {
  const { announce } = useCanvas();
  const t = useT();
  const zones = useZones();
  const ids = useSyncExternalStore(drafts.store.subscribeNoteIds, drafts.store.getNoteIds);
  const fallback = zones.find((z) => !z.readOnly)?.id;
  const mine = ids.flatMap((id) => {
    const draft = drafts.store.getNote(id);
    if (draft === undefined) return [];
    const at = zoneAt(zones, draft);
    return (at !== null && isWritableZone(zones, at) ? at : fallback) === zone.id ? [draft] : [];
  });
  if (mine.length === 0) return null;
  return (
    <ul className="zone-notes">
      {mine.map((draft) => (
        <li key={draft.id} className={`zone-note-item note--draft note--${draft.color}`}>
          <p className="note-badge note-badge--draft">{t('draft.badge')}</p>
          <p className="zone-note-text">{draft.text || t('note.empty')}</p>
          <button type="button" className="link-button" onClick={() => {
            drafts.delete(draft.id);
            announce(t('draft.deleted'));
          }}>
            {t('draft.delete')}
          </button>
        </li>
      ))}
    </ul>
  );
}

function ZoneNote({ id, zoneId }: { id: string; zoneId: string }) {
  const { readOnly, showSheet } = useCanvas();
  const t = useT();
  const note = useNote(id);
  const [menuOpen, setMenuOpen] = useState(false);
  const options = useRef<HTMLButtonElement>(null);
  // The list of ids is the section's; a note that left the zone hides until the list re-renders.
  if (note === undefined || note.zone !== zoneId) return null;
  const keyIdea = note.keyIdeaId;
  return (
    <li className={`zone-note-item note--${note.color}`}>
      <p className="zone-note-text">
        {note.text || t('note.empty')}
      </p>
      <p className="zone-note-author">
        {note.author || t('note.anonymous')}
        {note.keyIdeaId !== null && (
          <span className="note-key">
            <StarIcon />
            <span className="sr-only">{`. ${t('note.isKeyIdea')}`}</span>
          </span>
        )}
      </p>
      {/* A priority action (board S6): its sheet is one tap away, without the side panel. */}
      {!readOnly && keyIdea !== null && zoneId === PRIORITY_ACTIONS_ZONE && (
        <button type="button" className="link-button zone-note-sheet" onClick={() => showSheet(keyIdea)}>{t('sheets.open')}</button>
      )}
      {!readOnly && (
        <button ref={options} type="button" className="icon-button note-options" aria-haspopup="dialog" aria-expanded={menuOpen}
          aria-label={t('note.options')} onClick={() => setMenuOpen((open) => !open)}>
          <MoreIcon />
        </button>
      )}
      {menuOpen && <NoteMenu note={note} anchor={options} onClose={() => setMenuOpen(false)} />}
    </li>
  );
}
