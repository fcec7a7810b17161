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
  setNoteCluster,
  spreadClusters,
  unmarkKeyIdea,
} from '@concerto/board';
import type { KeyIdeaSourceRef, MarkKeyIdeaResult, NoteColor } from '@concerto/board';

import type { BoardStore } from './boardStore.js';
import { CLUSTER_HEADER, CLUSTER_PADDING, freeCell } from '@concerto/board';
import type { Point } from '@concerto/board';

/** Where new notes come from in a session by theme: the round, and the rotating group (null for a board host). */
export interface NoteOrigin {
  round: number;
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

  /** `author` overrides this person's name: the facilitator writing for someone who cannot. */
  addNote(at: Point, options: { text?: string; color?: NoteColor; id?: string; author?: string } = {}): string | null {
    const { text = '', color, id, author = this.author() } = options;
    return this.write(null, () =>
      createNote(this.doc, { id, x: Math.round(at.x), y: Math.round(at.y), text, color, author, ...this.noteOrigin() }, this.origin),
    );
  }

  recolor(noteId: string, color: NoteColor): void {
    this.write(false, () => recolorNote(this.doc, noteId, color, this.origin));
  }

  deleteNote(noteId: string): boolean {
    return this.write(false, () => deleteNote(this.doc, noteId, this.origin));
  }

  /** A note dropped on the canvas: free of any cluster, at `to`. One write per gesture. */
  placeNote(noteId: string, to: Point): void {
    this.write(false, () => {
      setNoteCluster(this.doc, noteId, null, this.origin);
      return moveNote(this.doc, noteId, Math.round(to.x), Math.round(to.y), this.origin);
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

  /** An empty cluster whose frame starts at `at` (see the board's `placeNewCluster`). */
  addCluster(at: Point, id?: string): string | null {
    return this.write(null, () => {
      const clusterId = createCluster(this.doc, { id, x: Math.round(at.x), y: Math.round(at.y) }, this.origin);
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

  moveCluster(clusterId: string, to: Point): void {
    this.write(false, () => {
      const moved = moveCluster(this.doc, clusterId, Math.round(to.x), Math.round(to.y), {}, this.origin);
      if (moved) spreadClusters(this.doc, clusterId, this.origin);
      return moved;
    });
  }

  deleteCluster(clusterId: string): void {
    this.write(false, () => deleteCluster(this.doc, clusterId, this.origin));
  }

  markKeyIdea(source: KeyIdeaSourceRef): MarkKeyIdeaResult {
    const refused: MarkKeyIdeaResult = { ok: false, reason: 'unknown-source' };
    return this.write(refused, () => markKeyIdea(this.doc, source, this.keyIdeaLimit(), {}, this.origin));
  }

  unmarkKeyIdea(id: string): void {
    this.write(false, () => unmarkKeyIdea(this.doc, id, this.origin));
  }

  moveKeyIdea(id: string, toIndex: number): void {
    this.write(false, () => moveKeyIdea(this.doc, id, toIndex, this.origin));
  }
}
