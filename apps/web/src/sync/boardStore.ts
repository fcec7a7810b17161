import type * as Y from 'yjs';
import {
  getClustersMap,
  getKeyIdeasArray,
  getNotesMap,
  getZonesArray,
  listZones,
  readCluster,
  readKeyIdeas,
  readNote,
} from '@concerto/board';
import type { Cluster, KeyIdea, Note, Zone } from '@concerto/board';

import { clusterBounds } from '@concerto/board';
import type { Rect } from '@concerto/board';

import { KeyedListeners } from './keyedListeners.js';

/** A note as the canvas shows it. */
export interface NoteView extends Note {
  /** id of the valid key idea marked from this note, if any */
  keyIdeaId: string | null;
}

/** A cluster as the canvas shows it: its frame encloses its notes. */
export interface ClusterView extends Cluster {
  noteIds: readonly string[];
  bounds: Rect;
  keyIdeaId: string | null;
}

type Listener = () => void;

function sameNote(a: NoteView, b: NoteView): boolean {
  return a.text === b.text && a.color === b.color && a.x === b.x && a.y === b.y && a.cluster === b.cluster
    && a.zone === b.zone && a.author === b.author && a.createdAt === b.createdAt && a.keyIdeaId === b.keyIdeaId;
}

function sameCluster(a: ClusterView, b: ClusterView): boolean {
  return a.label === b.label && a.x === b.x && a.y === b.y && a.zone === b.zone && a.keyIdeaId === b.keyIdeaId
    && a.bounds.x === b.bounds.x && a.bounds.y === b.bounds.y && a.bounds.width === b.bounds.width
    && a.bounds.height === b.bounds.height && a.noteIds.length === b.noteIds.length
    && a.noteIds.every((id, i) => b.noteIds[i] === id);
}

function compareNotes(a: Note, b: Note): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Read model of a group canvas for React. It observes the document's maps with `observeDeep`,
 * collects the ids touched by a transaction, re-reads only those through the board package's
 * tolerant readers, and after the transaction notifies only the listeners of what changed.
 * Snapshots keep their identity until they change, as `useSyncExternalStore` requires.
 */
export class BoardStore {
  private readonly notesMap: Y.Map<unknown>;
  private readonly clustersMap: Y.Map<unknown>;
  private readonly keyIdeasArray: Y.Array<unknown>;
  private readonly zonesArray: Y.Array<unknown>;

  private notes = new Map<string, NoteView>();
  private noteIds: readonly string[] = [];
  private clusters = new Map<string, ClusterView>();
  private clusterIds: readonly string[] = [];
  private keyIdeas: readonly KeyIdea[] = [];
  /** the board's zones (packages/board R25): written once, but they may arrive after the notes */
  private zones: readonly Zone[] = [];
  private zonesDirty = false;
  /** zone id → how many notes it holds (the zone strip's counts), re-made only when a note enters or leaves a zone */
  private zoneCounts: Readonly<Record<string, number>> = {};
  /** cluster id → ids of its notes */
  private members = new Map<string, Set<string>>();

  private readonly noteTopics = new KeyedListeners();
  private readonly clusterTopics = new KeyedListeners();
  private readonly listTopics = new KeyedListeners();

  private dirtyNotes = new Set<string>();
  private dirtyClusters = new Set<string>();
  private keyIdeasDirty = false;
  private noteSetChanged = false;
  private clusterSetChanged = false;

  private readonly onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === this.notesMap) {
        event.changes.keys.forEach((_change, key) => this.dirtyNotes.add(key));
        this.noteSetChanged = true;
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.dirtyNotes.add(id);
      }
    }
  };

  private readonly onClusters = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === this.clustersMap) {
        event.changes.keys.forEach((_change, key) => this.dirtyClusters.add(key));
        this.clusterSetChanged = true;
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.dirtyClusters.add(id);
      }
    }
  };

  private readonly onKeyIdeas = () => {
    this.keyIdeasDirty = true;
  };

  private readonly onZones = () => {
    this.zonesDirty = true;
  };

  private readonly onAfterTransaction = () => this.flush();

  constructor(private readonly doc: Y.Doc) {
    this.notesMap = getNotesMap(doc);
    this.clustersMap = getClustersMap(doc);
    this.keyIdeasArray = getKeyIdeasArray(doc);
    this.zonesArray = getZonesArray(doc);
    this.notesMap.observeDeep(this.onNotes);
    this.clustersMap.observeDeep(this.onClusters);
    this.keyIdeasArray.observeDeep(this.onKeyIdeas);
    this.zonesArray.observeDeep(this.onZones);
    doc.on('afterTransaction', this.onAfterTransaction);
    this.notesMap.forEach((_v, id) => this.dirtyNotes.add(id));
    this.clustersMap.forEach((_v, id) => this.dirtyClusters.add(id));
    this.noteSetChanged = this.clusterSetChanged = this.keyIdeasDirty = this.zonesDirty = true;
    this.flush();
  }

  destroy(): void {
    this.notesMap.unobserveDeep(this.onNotes);
    this.clustersMap.unobserveDeep(this.onClusters);
    this.keyIdeasArray.unobserveDeep(this.onKeyIdeas);
    this.zonesArray.unobserveDeep(this.onZones);
    this.doc.off('afterTransaction', this.onAfterTransaction);
  }

  // --- reading -------------------------------------------------------------------------

  getNote = (id: string): NoteView | undefined => this.notes.get(id);
  getNoteIds = (): readonly string[] => this.noteIds;
  getCluster = (id: string): ClusterView | undefined => this.clusters.get(id);
  getClusterIds = (): readonly string[] => this.clusterIds;
  getKeyIdeas = (): readonly KeyIdea[] => this.keyIdeas;
  getZones = (): readonly Zone[] => this.zones;
  getZoneCounts = (): Readonly<Record<string, number>> => this.zoneCounts;

  allNotes(): IterableIterator<NoteView> {
    return this.notes.values();
  }

  allClusters(): IterableIterator<ClusterView> {
    return this.clusters.values();
  }

  // --- subscribing ---------------------------------------------------------------------

  subscribeNote = (id: string, listener: Listener) => this.noteTopics.subscribe(id, listener);
  subscribeCluster = (id: string, listener: Listener) => this.clusterTopics.subscribe(id, listener);
  subscribeNoteIds = (listener: Listener) => this.listTopics.subscribe('notes', listener);
  subscribeClusterIds = (listener: Listener) => this.listTopics.subscribe('clusters', listener);
  subscribeKeyIdeas = (listener: Listener) => this.listTopics.subscribe('keyIdeas', listener);
  subscribeZones = (listener: Listener) => this.listTopics.subscribe('zones', listener);
  subscribeZoneCounts = (listener: Listener) => this.listTopics.subscribe('zoneCounts', listener);

  // --- updating ------------------------------------------------------------------------

  private flush(): void {
    if (this.dirtyNotes.size === 0 && this.dirtyClusters.size === 0 && !this.keyIdeasDirty && !this.zonesDirty) return;
    const changedNotes = new Set<string>();
    const touchedClusters = new Set<string>(this.dirtyClusters);

    // Zones decide where every note and cluster reads as being: when they change, re-read all.
    let zonesChanged = false;
    if (this.zonesDirty) {
      const next = listZones(this.doc);
      zonesChanged = JSON.stringify(next) !== JSON.stringify(this.zones);
      if (zonesChanged) {
        this.zones = next;
        this.notesMap.forEach((_v, id) => this.dirtyNotes.add(id));
        this.clustersMap.forEach((_v, id) => touchedClusters.add(id));
        this.keyIdeasDirty = true;
      }
    }
    // A note in a cluster is in the cluster's zone (R26): a cluster that changed re-reads its notes.
    for (const id of this.dirtyClusters) this.members.get(id)?.forEach((noteId) => this.dirtyNotes.add(noteId));

    // A cluster appearing or vanishing changes how notes naming it read (a dangling key reads as null).
    if (this.clusterSetChanged) {
      for (const id of this.dirtyClusters) {
        const existed = this.clusters.has(id);
        const exists = this.clustersMap.has(id);
        if (existed !== exists) this.notesNamingCluster(id).forEach((noteId) => this.dirtyNotes.add(noteId));
      }
    }
    if (this.noteSetChanged || this.clusterSetChanged) this.keyIdeasDirty = true;

    let keyIdeasChanged = false;
    if (this.keyIdeasDirty) {
      const next = readKeyIdeas(this.doc);
      keyIdeasChanged = JSON.stringify(next) !== JSON.stringify(this.keyIdeas);
      if (keyIdeasChanged) {
        for (const idea of [...this.keyIdeas, ...next]) {
          if (idea.source.kind === 'note') this.dirtyNotes.add(idea.source.id);
          if (idea.source.kind === 'cluster') touchedClusters.add(idea.source.id);
        }
        this.keyIdeas = next;
      }
    }
    const markedBy = this.keyIdeaSources();

    let zoneCountsDirty = zonesChanged;
    for (const id of this.dirtyNotes) {
      const before = this.notes.get(id);
      const read = readNote(id, this.notesMap.get(id), this.clustersMap, this.zones);
      const after = read === null ? undefined : { ...read, keyIdeaId: markedBy.get(`note:${id}`) ?? null };
      if (before !== undefined && after !== undefined && sameNote(before, after)) continue;
      if (before === undefined && after === undefined) continue;
      if (after === undefined) this.notes.delete(id);
      else this.notes.set(id, after);
      changedNotes.add(id);
      // Typing or moving within a zone leaves the counts alone: only entering or leaving one re-counts.
      if (before?.zone !== after?.zone) zoneCountsDirty = true;
      if (before?.cluster) {
        touchedClusters.add(before.cluster);
        this.members.get(before.cluster)?.delete(id);
      }
      if (after?.cluster) {
        touchedClusters.add(after.cluster);
        let set = this.members.get(after.cluster);
        if (set === undefined) this.members.set(after.cluster, (set = new Set()));
        set.add(id);
      }
    }

    const noteIdsChanged = this.noteSetChanged && this.updateNoteIds();
    const zoneCountsChanged = zoneCountsDirty && this.updateZoneCounts();
    const changedClusters = this.updateClusters(touchedClusters, markedBy);
    const clusterIdsChanged = this.clusterSetChanged && this.updateClusterIds();

    this.dirtyNotes = new Set();
    this.dirtyClusters = new Set();
    this.keyIdeasDirty = this.noteSetChanged = this.clusterSetChanged = this.zonesDirty = false;

    if (zonesChanged) this.listTopics.notify('zones');
    if (noteIdsChanged) this.listTopics.notify('notes');
    if (clusterIdsChanged) this.listTopics.notify('clusters');
    if (keyIdeasChanged) this.listTopics.notify('keyIdeas');
    if (zoneCountsChanged) this.listTopics.notify('zoneCounts');
    changedNotes.forEach((id) => this.noteTopics.notify(id));
    changedClusters.forEach((id) => this.clusterTopics.notify(id));
  }

  private notesNamingCluster(clusterId: string): string[] {
    const ids: string[] = [];
    this.notesMap.forEach((value, id) => {
      const raw = (value as Y.Map<unknown> | null)?.get?.('cluster');
      if (raw === clusterId) ids.push(id);
    });
    return ids;
  }

  /** `note:<id>` / `cluster:<id>` → id of the valid key idea marked from it. */
  private keyIdeaSources(): Map<string, string> {
    const map = new Map<string, string>();
    for (const idea of this.keyIdeas) {
      if (idea.source.kind !== 'none') map.set(`${idea.source.kind}:${idea.source.id}`, idea.id);
    }
    return map;
  }

  private updateNoteIds(): boolean {
    const ids = [...this.notes.values()].sort(compareNotes).map((note) => note.id);
    if (ids.length === this.noteIds.length && ids.every((id, i) => this.noteIds[i] === id)) return false;
    this.noteIds = ids;
    return true;
  }

  private updateZoneCounts(): boolean {
    const counts: Record<string, number> = {};
    for (const note of this.notes.values()) if (note.zone !== null) counts[note.zone] = (counts[note.zone] ?? 0) + 1;
    const keys = Object.keys(counts);
    if (keys.length === Object.keys(this.zoneCounts).length && keys.every((key) => this.zoneCounts[key] === counts[key])) return false;
    this.zoneCounts = counts;
    return true;
  }

  private updateClusterIds(): boolean {
    const ids = [...this.clusters.keys()].sort();
    if (ids.length === this.clusterIds.length && ids.every((id, i) => this.clusterIds[i] === id)) return false;
    this.clusterIds = ids;
    return true;
  }

  private updateClusters(ids: Set<string>, markedBy: Map<string, string>): Set<string> {
    const changed = new Set<string>();
    for (const id of ids) {
      const before = this.clusters.get(id);
      const read = readCluster(id, this.clustersMap.get(id), this.zones);
      let after: ClusterView | undefined;
      if (read !== null) {
        const memberNotes = [...(this.members.get(id) ?? [])]
          .map((noteId) => this.notes.get(noteId))
          .filter((note): note is NoteView => note !== undefined && note.cluster === id)
          .sort(compareNotes);
        after = {
          ...read,
          noteIds: memberNotes.map((note) => note.id),
          bounds: clusterBounds(read, memberNotes),
          keyIdeaId: markedBy.get(`cluster:${id}`) ?? null,
        };
      }
      if (before !== undefined && after !== undefined && sameCluster(before, after)) continue;
      if (before === undefined && after === undefined) continue;
      if (after === undefined) this.clusters.delete(id);
      else this.clusters.set(id, after);
      changed.add(id);
    }
    return changed;
  }
}
