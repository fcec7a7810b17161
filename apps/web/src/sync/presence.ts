import type { Awareness } from 'y-protocols/awareness';

import type { Point } from '@concerto/board';
import { colorFor, readableColor } from './peopleColors.js';

import { KeyedListeners } from './keyedListeners.js';
import { presenceDeviceId, presenceKey } from './presenceDevice.js';

/**
 * Awareness state of a client (DESIGN: `{ user, cursor?, drag? }`). `clusterDrag`,
 * `editing` and `sheetField` (the action sheet field being written) are additive fields of
 * this client; other readers ignore them.
 */
export interface PresenceState {
  /** `device`: this browser profile (`presenceDevice.ts`): two tabs of one person are one person */
  user?: { name?: unknown; color?: unknown; device?: unknown };
  cursor?: { x: number; y: number } | null;
  drag?: { noteId: string; x: number; y: number } | null;
  clusterDrag?: { clusterId: string; x: number; y: number } | null;
  editing?: string | null;
  sheetField?: { keyIdeaId: string; fieldId: string } | null;
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
}

export interface RemoteCursor extends Peer, Point {}

export interface NotePresence {
  /** someone else is dragging this note: where it is now */
  drag: (Point & { name: string }) | null;
  /** names of the others editing this note */
  editors: readonly string[];
}

const NOBODY: NotePresence = { drag: null, editors: [] };
const NO_NAMES: readonly string[] = [];

/** The key under which the writers of one sheet field are kept and notified. */
export function sheetFieldKey(keyIdeaId: string, fieldId: string): string {
  return `${keyIdeaId}:${fieldId}`;
}

export { colorFor, PEOPLE_COLORS } from './peopleColors.js';

function isPoint(value: unknown): value is Point {
  const p = value as Point | null;
  return typeof p === 'object' && p !== null && Number.isFinite(p.x) && Number.isFinite(p.y);
}

function nameOf(state: PresenceState): string {
  const name = state.user?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.slice(0, 60) : '?';
}

function colorOf(state: PresenceState, clientId: number): string {
  return readableColor(state.user?.color, clientId);
}

function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  return a.length === b.length && a.every((p, i) => p.clientId === b[i]?.clientId && p.name === b[i]?.name && p.color === b[i]?.color);
}

function sameNotePresence(a: NotePresence, b: NotePresence): boolean {
  return a.drag?.x === b.drag?.x && a.drag?.y === b.drag?.y && a.drag?.name === b.drag?.name
    && a.editors.length === b.editors.length && a.editors.every((n, i) => b.editors[i] === n);
}

type Listener = () => void;

/**
 * What other people are doing, read from awareness for React: who is here, their cursors,
 * which note each drags or edits. Like the board store, it notifies per note or cluster.
 * Awareness states are untrusted input: every field is checked before use.
 */
export class PresenceStore {
  private peers: readonly Peer[] = [];
  private cursors: readonly RemoteCursor[] = [];
  private notes = new Map<string, NotePresence>();
  private clusterDrags = new Map<string, Point>();
  private sheetFields = new Map<string, readonly string[]>();
  private readonly listeners = new KeyedListeners();

  private readonly onChange = () => this.refresh();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.onChange);
    this.refresh();
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
  }

  // --- local state ---------------------------------------------------------------------

  setUser(name: string): void {
    this.awareness.setLocalStateField('user', { name, color: colorFor(this.awareness.clientID), device: presenceDeviceId() });
  }

  setLocal<K extends keyof PresenceState>(key: K, value: PresenceState[K]): void {
    const current = this.awareness.getLocalState() as PresenceState | null;
    if (current === null || (current[key] ?? null) === (value ?? null)) return;
    this.awareness.setLocalStateField(key, value ?? null);
  }

  get selfColor(): string {
    return colorFor(this.awareness.clientID);
  }

  // --- reading -------------------------------------------------------------------------

  getPeers = (): readonly Peer[] => this.peers;
  getCursors = (): readonly RemoteCursor[] => this.cursors;
  getNote = (id: string): NotePresence => this.notes.get(id) ?? NOBODY;
  getClusterDrag = (id: string): Point | undefined => this.clusterDrags.get(id);
  /** names of the others writing in this sheet field (`sheetFieldKey`) */
  getSheetField = (key: string): readonly string[] => this.sheetFields.get(key) ?? NO_NAMES;

  subscribe = (topic: string, listener: Listener): (() => void) => this.listeners.subscribe(topic, listener);

  private notify(topic: string): void {
    this.listeners.notify(topic);
  }

  private refresh(): void {
    const self = this.awareness.clientID;
    const selfKey = presenceKey(this.awareness.getLocalState() as PresenceState | null, self);
    const peers: Peer[] = [];
    // one avatar per person: the same device and name in another tab (or a connection not yet
    // timed out) is not someone else, and this person's other tabs are not « the others »
    const counted = new Set<string>([selfKey]);
    const cursors: RemoteCursor[] = [];
    const notes = new Map<string, { drag: NotePresence['drag']; editors: string[] }>();
    const clusterDrags = new Map<string, Point>();
    const sheetFields = new Map<string, string[]>();
    const noteEntry = (id: string) => {
      let entry = notes.get(id);
      if (entry === undefined) notes.set(id, (entry = { drag: null, editors: [] }));
      return entry;
    };
    this.awareness.getStates().forEach((raw, clientId) => {
      if (clientId === self || typeof raw !== 'object' || raw === null) return;
      const state = raw as PresenceState;
      if (state.user === undefined) return;
      const peer = { clientId, name: nameOf(state), color: colorOf(state, clientId) };
      const key = presenceKey(state, clientId);
      if (!counted.has(key)) {
        counted.add(key);
        peers.push(peer);
      }
      if (isPoint(state.cursor)) cursors.push({ ...peer, x: state.cursor.x, y: state.cursor.y });
      const drag = state.drag;
      if (isPoint(drag) && typeof drag.noteId === 'string') {
        noteEntry(drag.noteId).drag = { x: drag.x, y: drag.y, name: peer.name };
      }
      const clusterDrag = state.clusterDrag;
      if (isPoint(clusterDrag) && typeof clusterDrag.clusterId === 'string') {
        clusterDrags.set(clusterDrag.clusterId, { x: clusterDrag.x, y: clusterDrag.y });
      }
      if (typeof state.editing === 'string') noteEntry(state.editing).editors.push(peer.name);
      const field = state.sheetField;
      if (typeof field === 'object' && field !== null && typeof field.keyIdeaId === 'string' && typeof field.fieldId === 'string') {
        const key = sheetFieldKey(field.keyIdeaId, field.fieldId);
        sheetFields.set(key, [...(sheetFields.get(key) ?? []), peer.name]);
      }
    });
    peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);

    if (!samePeers(peers, this.peers)) {
      this.peers = peers;
      this.notify('peers');
    }
    this.cursors = cursors;
    this.notify('cursors');
    for (const id of new Set([...this.notes.keys(), ...notes.keys()])) {
      const before = this.notes.get(id) ?? NOBODY;
      const after = notes.get(id) ?? NOBODY;
      if (sameNotePresence(before, after)) continue;
      if (after === NOBODY) this.notes.delete(id);
      else this.notes.set(id, after);
      this.notify(`note:${id}`);
    }
    for (const id of new Set([...this.clusterDrags.keys(), ...clusterDrags.keys()])) {
      const before = this.clusterDrags.get(id);
      const after = clusterDrags.get(id);
      if (before?.x === after?.x && before?.y === after?.y) continue;
      if (after === undefined) this.clusterDrags.delete(id);
      else this.clusterDrags.set(id, after);
      this.notify(`cluster:${id}`);
    }
    for (const key of new Set([...this.sheetFields.keys(), ...sheetFields.keys()])) {
      const before = this.sheetFields.get(key) ?? NO_NAMES;
      const after = sheetFields.get(key) ?? NO_NAMES;
      if (before.length === after.length && before.every((name, i) => after[i] === name)) continue;
      if (after.length === 0) this.sheetFields.delete(key);
      else this.sheetFields.set(key, after);
      this.notify(`sheet:${key}`);
    }
  }
}
