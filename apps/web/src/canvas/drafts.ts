import type * as Y from 'yjs';
import {
  createNote, deleteNote, getNotesMap, listNotes, freeSpot, freeSpotInZone, isWritableZone, noteRect, NOTE_HEIGHT, NOTE_WIDTH, zoneAt,
  zoneFrames,
} from '@concerto/board';
import type { Note, NoteColor, Zone } from '@concerto/board';

import { BoardStore } from '../sync/boardStore.js';
import type { Point, Rect } from '@concerto/board';

/*
 * Drafts of the individual reflection phase (« Réflexion individuelle »): each person writes
 * alone first. Their notes must not reach the shared document before the facilitator reveals
 * them — not even hidden: anyone with the group's link can read the whole document. So drafts
 * live in a second, local-only Y.Doc with the same schema (persisted in IndexedDB on this
 * device, never sent), and move into the shared document once the phase leaves reflection.
 */

/** Moves every draft into the shared document and empties the drafts. Returns how many notes were created. */
export function revealDrafts(
  drafts: Y.Doc,
  shared: Y.Doc,
  options: { origin?: unknown; place?: (draft: Note) => Point & { zone?: string | null } } = {},
): number {
  const notes = listNotes(drafts);
  if (notes.length === 0) return 0;
  let created = 0;
  shared.transact(() => {
    const existing = getNotesMap(shared);
    for (const draft of notes) {
      // The draft's id becomes the note's id: a second reveal of the same draft (another tab
      // of this device, a retry after a crash between the two transactions) finds it there,
      // and two concurrent reveals write the same key, which Yjs resolves to one note.
      if (existing.has(draft.id)) continue;
      const at = options.place?.(draft) ?? { x: draft.x, y: draft.y };
      createNote(shared, {
        id: draft.id,
        text: draft.text,
        color: draft.color,
        x: at.x,
        y: at.y,
        zone: at.zone ?? null,
        author: draft.author,
        createdAt: draft.createdAt,
        round: draft.round,
        group: draft.group,
      }, options.origin);
      created++;
    }
  }, options.origin);
  drafts.transact(() => {
    for (const draft of notes) deleteNote(drafts, draft.id);
  });
  return created;
}

/**
 * Where revealed drafts go. Everyone wrote near the middle of the same canvas without seeing
 * the others, so revealing them in place would stack the first note of every person on one
 * spot. Each person's batch keeps its own arrangement and moves into a zone of its own, by
 * the person's rank among those present (the same list on every device, so zones differ):
 * the first stays where they wrote, the next go right, then down. Each note then takes the
 * nearest free spot among what is already on the canvas.
 */
export function draftPlacer(occupied: readonly Rect[], rank: number): (draft: Note) => Point {
  const taken = [...occupied];
  const zone = Math.max(0, Math.trunc(rank));
  const zoneWidth = 2 * (NOTE_WIDTH + 56) + 100;
  const zoneHeight = 2 * (NOTE_HEIGHT + 84) + 80;
  const shift = { x: (zone % ZONE_COLUMNS) * zoneWidth, y: Math.floor(zone / ZONE_COLUMNS) * zoneHeight };
  return (draft) => {
    const target = { x: draft.x + shift.x, y: draft.y + shift.y };
    const spot = freeSpot({ x: target.x + NOTE_WIDTH / 2, y: target.y + NOTE_HEIGHT / 2 }, taken);
    taken.push(noteRect(spot));
    return spot;
  };
}

const ZONE_COLUMNS = 3;

/**
 * Where revealed drafts go on a board with zones (packages/board R28): each stays in the zone it
 * was written in (the first zone people write in, for one written over a read-only zone), at
 * the first free place under the zone's heading. People reveal at the same moment without
 * seeing each other's notes: each one's rank starts them two rows further down, so two batches
 * do not land on the same places.
 */
export function zonedDraftPlacer(zones: readonly Zone[], occupied: readonly Rect[], rank: number): (draft: Note) => Point & { zone: string } {
  const taken = [...occupied];
  const band = Math.max(0, Math.trunc(rank)) * 2 * (NOTE_HEIGHT + 24);
  const frames = zoneFrames(zones).map((frame) => ({ ...frame, y: frame.y + band }));
  const fallback = zones.find((z) => !z.readOnly)?.id ?? zones[0]!.id;
  return (draft) => {
    const at = zoneAt(zones, draft);
    const zone = at !== null && isWritableZone(zones, at) ? at : fallback;
    const spot = freeSpotInZone(frames.find((f) => f.id === zone)!, taken);
    taken.push(noteRect(spot));
    return { ...spot, zone };
  };
}

type Listener = () => void;

/**
 * This device's drafts for one group: the local document, its read model, and whether new
 * notes go there now (during the reflection phase). The object stays the same for the life
 * of the canvas; `active` is read through `subscribe`/`isActive` so only what shows it re-renders.
 */
export class Drafts {
  readonly store: BoardStore;
  private active = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly doc: Y.Doc,
    private readonly author: () => string,
    private readonly origin: () => { round?: number; group: string | null } | null = () => null,
  ) {
    this.store = new BoardStore(doc);
  }

  isActive = (): boolean => this.active;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    for (const listener of this.listeners) listener();
  }

  add(at: Point, options: { id?: string; text?: string; color?: NoteColor } = {}): string {
    return createNote(this.doc, { ...options, x: Math.round(at.x), y: Math.round(at.y), author: this.author(), ...this.origin() });
  }

  delete(id: string): void {
    deleteNote(this.doc, id);
  }

  rects(): Rect[] {
    return [...this.store.allNotes()].map(noteRect);
  }

  destroy(): void {
    this.store.destroy();
    this.listeners.clear();
  }
}
