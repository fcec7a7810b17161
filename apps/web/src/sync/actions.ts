import type * as Y from 'yjs';
import {
  createCluster,
  createClusterFromNotes,
  createNote,
  deleteCluster,
  deleteNote,
  markKeyIdea,
  moveCluster,
  moveKeyIdea,
  moveNote,
  recolorNote,
  setClusterZone,
  setNoteCluster,
  setNoteZone,
  spreadClusters,
  unmarkKeyIdea,
  freeSpotInZone,
  isWritableZone,
  zoneAt,
  zoneFrames,
} from '@concerto/board';
import type { KeyIdeaSourceRef, MarkKeyIdeaResult, NoteColor } from '@concerto/board';

import type { BoardStore } from './boardStore.js';
import { occupiedRects } from '../canvas/placement.js';
import { CLUSTER_HEADER, CLUSTER_PADDING, freeCell } from '@concerto/board';
import type { Point } from '@concerto/board';

/** Where new notes come from in a session by theme: the round, and the rotating group (null for a board host). */
export interface NoteOrigin {
  /** absent before the first round starts: the note was written in no round (board R30) */
  round?: number;
  group: string | null;
}

/**
 * Every write the canvas makes, through the board package, with this client's origin (so the
 * undo manager undoes only this person's changes). When the canvas is read-only (projector,
 * locked group) every write is refused here as well as hidden in the UI: the server would drop
 * it anyway, and a local change that never syncs would mislead the person who made it.
 */
export class BoardActions {
  readOnly = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly store: BoardStore,
    readonly origin: object,
    private readonly author: () => string,
    private readonly keyIdeaLimit: () => number,
    private readonly noteOrigin: () => NoteOrigin | null = () => null,
  ) {}

  private write<T>(fallback: T, run: () => T): T {
    if (this.readOnly) return fallback;
    let result = fallback;
    this.doc.transact(() => {
      result = run();
    }, this.origin);
    return result;
  }

  /**
   * `author` overrides this person's name: the facilitator writing for someone who cannot. On a
   * board with zones the note is in the zone it is written in (packages/board R28); one written
   * over a read-only zone goes to a free place of the first zone people write in.
   */
  addNote(at: Point, options: { text?: string; color?: NoteColor; id?: string; author?: string } = {}): string | null {
    const { text = '', color, id, author = this.author() } = options;
    const zones = this.store.getZones();
    let place = at;
    let zone = zoneAt(zones, at);
    if (zone !== null && !isWritableZone(zones, zone)) {
      zone = zones.find((z) => !z.readOnly)?.id ?? null;
      if (zone !== null) place = this.spotInZone(zone) ?? at;
    }
    return this.write(null, () =>
      createNote(this.doc, { id, x: Math.round(place.x), y: Math.round(place.y), text, color, author, zone, ...this.noteOrigin() }, this.origin),
    );
  }

  /** A free place below a zone's heading (packages/board R28). */
  spotInZone(zoneId: string): Point | null {
    const frame = zoneFrames(this.store.getZones()).find((f) => f.id === zoneId);
    return frame === undefined ? null : freeSpotInZone(frame, occupiedRects(this.store));
  }

  /** « Déplacer vers… » a zone: out of its cluster, to a free place of the zone. */
  moveToZone(noteId: string, zoneId: string): boolean {
    const spot = this.spotInZone(zoneId);
    if (spot === null) return false;
    return this.write(false, () => setNoteZone(this.doc, noteId, zoneId, spot, this.origin));
  }

  recolor(noteId: string, color: NoteColor): void {
    this.write(false, () => recolorNote(this.doc, noteId, color, this.origin));
  }

  deleteNote(noteId: string): boolean {
    return this.write(false, () => deleteNote(this.doc, noteId, this.origin));
  }

  /**
   * A note dropped on the canvas: free of any cluster, at `to`, in the zone it lands in. One
   * write per gesture. A drop on a read-only zone is refused (false): the note stays.
   */
  placeNote(noteId: string, to: Point): boolean {
    const zones = this.store.getZones();
    const zone = zoneAt(zones, to);
    if (zone !== null && !isWritableZone(zones, zone)) return false;
    const at = { x: Math.round(to.x), y: Math.round(to.y) };
    return this.write(false, () => {
      setNoteCluster(this.doc, noteId, null, this.origin);
      if (zone !== null) return setNoteZone(this.doc, noteId, zone, at, this.origin);
      return moveNote(this.doc, noteId, at.x, at.y, this.origin);
    });
  }

  /** A note put in a cluster: it takes the free cell nearest to `near` (default: the first). */
  putInCluster(noteId: string, clusterId: string, near?: Point): void {
    const cluster = this.store.getCluster(clusterId);
    if (cluster === undefined) return;
    const others = cluster.noteIds
      .filter((id) => id !== noteId)
      .map((id) => this.store.getNote(id))
      .filter((n): n is NonNullable<typeof n> => n !== undefined);
    const cell = freeCell(cluster, others, near);
    this.write(false, () => {
      setNoteCluster(this.doc, noteId, clusterId, this.origin);
      const moved = moveNote(this.doc, noteId, cell.x, cell.y, this.origin);
      // The cluster may have grown over its neighbours: they make room (board rule R23).
      spreadClusters(this.doc, clusterId, this.origin);
      return moved;
    });
  }

  /** A note dropped on a free note: a new cluster of both, around the target. Returns the cluster id. */
  clusterWith(noteId: string, targetId: string): string | null {
    const target = this.store.getNote(targetId);
    if (target === undefined || noteId === targetId) return null;
    const origin = { x: target.x - CLUSTER_PADDING, y: target.y - CLUSTER_HEADER };
    return this.write(null, () => {
      const clusterId = createClusterFromNotes(this.doc, [targetId, noteId], origin, this.origin);
      if (clusterId === null) return null;
      const cell = freeCell(origin, [target]);
      moveNote(this.doc, noteId, cell.x, cell.y, this.origin);
      spreadClusters(this.doc, clusterId, this.origin);
      return clusterId;
    });
  }

  /** An empty cluster whose frame starts at `at` (see the board's `placeNewCluster`), in the zone there. */
  addCluster(at: Point, id?: string): string | null {
    const zone = zoneAt(this.store.getZones(), at);
    return this.write(null, () => {
      const clusterId = createCluster(this.doc, { id, x: Math.round(at.x), y: Math.round(at.y), zone }, this.origin);
      spreadClusters(this.doc, clusterId, this.origin);
      return clusterId;
    });
  }

  /** A new cluster holding one note, placed where the note is. */
  newClusterFor(noteId: string): string | null {
    const note = this.store.getNote(noteId);
    if (note === undefined) return null;
    const origin = { x: note.x - CLUSTER_PADDING, y: note.y - CLUSTER_HEADER };
    return this.write(null, () => {
      const clusterId = createClusterFromNotes(this.doc, [noteId], origin, this.origin);
      if (clusterId !== null) spreadClusters(this.doc, clusterId, this.origin);
      return clusterId;
    });
  }

  /** A cluster dragged by its header, with its notes, into the zone it lands in; refused (false) on a read-only zone. */
  moveCluster(clusterId: string, to: Point): boolean {
    const zones = this.store.getZones();
    const zone = zoneAt(zones, to);
    if (zone !== null && !isWritableZone(zones, zone)) return false;
    return this.write(false, () => {
      const moved = moveCluster(this.doc, clusterId, Math.round(to.x), Math.round(to.y), {}, this.origin);
      if (moved && zone !== null) setClusterZone(this.doc, clusterId, zone, this.origin);
      if (moved) spreadClusters(this.doc, clusterId, this.origin);
      return moved;
    });
  }

  deleteCluster(clusterId: string): void {
    this.write(false, () => deleteCluster(this.doc, clusterId, this.origin));
  }

  /** The limit counts per zone on a board with zones (packages/board R27); `zone` places a free-text idea. */
  markKeyIdea(source: KeyIdeaSourceRef, zone?: string): MarkKeyIdeaResult {
    const refused: MarkKeyIdeaResult = { ok: false, reason: 'unknown-source' };
    return this.write(refused, () => markKeyIdea(this.doc, source, this.keyIdeaLimit(), zone !== undefined ? { zone } : {}, this.origin));
  }

  unmarkKeyIdea(id: string): void {
    this.write(false, () => unmarkKeyIdea(this.doc, id, this.origin));
  }

  moveKeyIdea(id: string, toIndex: number): void {
    this.write(false, () => moveKeyIdea(this.doc, id, toIndex, this.origin));
  }
}
