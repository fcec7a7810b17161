import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { effectiveKeyIdeas, keyIdeasPerZone, listClusters, listNotes, listZones, readSheets, clusterBounds, NOTE_HEIGHT, NOTE_WIDTH, unionRects, zoneFrames } from '@concerto/board';
import type { NoteColor, ZoneKeyIdeaCount } from '@concerto/board';

import type { Rect } from '@concerto/board';
import { openRoom } from '../sync/openRoom.js';
import type { ConnectionState, OpenedRoom } from '../sync/openRoom.js';
import { presenceKey } from '../sync/presenceDevice.js';

/** What the console shows of one group: counts, who is there, and a small picture of the board. */
export interface GroupSummary {
  connection: ConnectionState;
  /** the server's copy has arrived: the counts are real, not zeros */
  synced: boolean;
  notes: number;
  clusters: number;
  keyIdeas: number;
  /** action sheets opened by the group (issue 11 §4) */
  sheets: number;
  /**
   * On a zoned board, each zone the group writes in with its key ideas and limit (the board's
   * own per-zone count, packages/board R27): the card says these, never the sum of the limits.
   * Empty off zones, where the session's limit applies.
   */
  keyIdeaZones: readonly ZoneKeyIdeaCount[];
  present: readonly string[];
  thumbnail: Thumbnail;
}

export interface Thumbnail {
  notes: readonly { x: number; y: number; color: NoteColor }[];
  clusters: readonly Rect[];
  /** a zoned board's zones, framed and titled as the board shows them (packages/board R28) */
  zones: readonly (Rect & { title: string; readOnly: boolean })[];
  bounds: Rect | null;
}

const EMPTY: GroupSummary = {
  connection: 'connecting', synced: false, notes: 0, clusters: 0, keyIdeas: 0, keyIdeaZones: [], sheets: 0, present: [],
  thumbnail: { notes: [], clusters: [], zones: [], bounds: null },
};

/** At most two summaries a second per group: ten busy groups must not keep the console busy. */
const THROTTLE_MS = 500;

/**
 * One group watched from the console: a plain connection to its room (no local copy, no
 * presence of its own — the facilitator watching must not appear among the people present),
 * read through the board package's tolerant readers, summarised at most twice a second.
 */
export class GroupWatch {
  private readonly room: OpenedRoom;
  private readonly doc: Y.Doc;
  private readonly provider: WebsocketProvider;
  private summary: GroupSummary = EMPTY;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRun = 0;
  private connection: ConnectionState = 'connecting';
  private synced = false;

  constructor(wsBase: string, sessionId: string, groupId: string, token: string, private readonly keyIdeaLimit: number) {
    this.room = openRoom({
      sessionId, room: groupId, token, wsBase, silent: true,
      onStatus: (state) => {
        this.connection = state;
        this.schedule();
      },
    });
    this.doc = this.room.doc;
    this.provider = this.room.provider;
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.synced = true;
      this.schedule();
    });
    this.doc.on('update', this.schedule);
    this.provider.awareness.on('change', this.schedule);
  }

  private readonly schedule = (): void => {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastRun + THROTTLE_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastRun = Date.now();
      this.summary = this.read();
      for (const listener of this.listeners) listener();
    }, wait);
  };

  private read(): GroupSummary {
    const notes = listNotes(this.doc);
    const clusters = listClusters(this.doc);
    const members = new Map<string, { x: number; y: number }[]>();
    for (const note of notes) {
      if (note.cluster === null) continue;
      const list = members.get(note.cluster) ?? [];
      list.push(note);
      members.set(note.cluster, list);
    }
    const frames = clusters.map((cluster) => clusterBounds(cluster, members.get(cluster.id) ?? []));
    const zoneList = listZones(this.doc);
    const keyIdeas = effectiveKeyIdeas(this.doc, this.keyIdeaLimit);
    const zones = zoneFrames(zoneList).map((frame, i) => ({ ...frame, title: zoneList[i]!.title, readOnly: zoneList[i]!.readOnly }));
    const rects = [...zones, ...frames, ...notes.map((n) => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }))];
    const present: string[] = [];
    const counted = new Set<string>();
    this.provider.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.doc.clientID) return;
      const name = (state as { user?: { name?: unknown } } | null)?.user?.name;
      if (typeof name !== 'string' || name.trim() === '') return;
      // a person with the board open in two tabs is one person present (presenceDevice.ts)
      const key = presenceKey(state, clientId);
      if (counted.has(key)) return;
      counted.add(key);
      present.push(name.trim().slice(0, 60));
    });
    present.sort((a, b) => a.localeCompare(b));
    return {
      connection: this.connection,
      synced: this.synced,
      notes: notes.length,
      clusters: clusters.length,
      keyIdeas: keyIdeas.length,
      sheets: readSheets(this.doc).length,
      keyIdeaZones: keyIdeasPerZone(zoneList, keyIdeas, this.keyIdeaLimit),
      present,
      thumbnail: { notes: notes.map((n) => ({ x: n.x, y: n.y, color: n.color })), clusters: frames, zones, bounds: unionRects(rects) },
    };
  }

  getSummary = (): GroupSummary => this.summary;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.listeners.clear();
    this.doc.off('update', this.schedule);
    this.provider.awareness.off('change', this.schedule);
    this.room.destroy();
  }
}
