/**
 * The JSON archive: lossless (each room's full Yjs state, so a restore is the same documents,
 * history of deletions included) and readable (a snapshot of each room beside its state, for
 * people and tools that do not speak Yjs). `importArchive.ts` reads it back.
 */
import * as Y from 'yjs';
import { readPlenary, readSheets, readSheetTemplate, snapshotBoard } from '@concerto/board';
import type { BoardSnapshot, PlenarySnapshot, Sheet, SheetField } from '@concerto/board';
import { decodeRoom } from './model.js';
import { PLENARY_ROOM } from './types.js';
import type { ArchivedSession, SessionContent } from './types.js';

export const ARCHIVE_FORMAT = 'concerto-archive';
export const ARCHIVE_VERSION = 1;

export interface ArchivedRoom {
  /** base64 of `Y.encodeStateAsUpdate(doc)`: the document itself */
  state: string;
  /**
   * what the document reads as (`snapshotBoard` with the group's action sheets, or `readPlenary`
   * with the session's sheet template for the plenary); informative, never read back
   */
  snapshot: (BoardSnapshot & { sheets: Sheet[] }) | (PlenarySnapshot & { sheetTemplate: SheetField[] });
}

export interface ConcertoArchive {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  /** ISO 8601 */
  exportedAt: string;
  session: ArchivedSession;
  /** every group's room in session order, then `plenary` */
  rooms: Record<string, ArchivedRoom>;
}

const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function buildArchive(content: SessionContent, options: { exportedAt?: Date | number } = {}): ConcertoArchive {
  const { session } = content;
  const rooms: Record<string, ArchivedRoom> = {};
  for (const name of [...session.groups.map((g) => g.id), PLENARY_ROOM]) {
    const state = content.rooms[name] ?? EMPTY_STATE;
    const doc = decodeRoom(state);
    try {
      const snapshot = name === PLENARY_ROOM
        ? { ...readPlenary(doc, session.groups), sheetTemplate: readSheetTemplate(doc) }
        : { ...snapshotBoard(doc), sheets: readSheets(doc) };
      rooms[name] = { state: toBase64(state), snapshot };
    } finally {
      doc.destroy();
    }
  }
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date(options.exportedAt ?? Date.now()).toISOString(),
    session: {
      id: session.id,
      title: session.title,
      questions: [...session.questions],
      keyIdeaLimit: session.keyIdeaLimit,
      groups: session.groups.map((g) => ({ id: g.id, name: g.name })),
      createdAt: session.createdAt,
      settings: session.settings,
      ...(session.carriedOver === undefined || session.carriedOver.length === 0 ? {} : { carriedOver: session.carriedOver }),
    },
    rooms,
  };
}

/** The archive as JSON text. */
export function renderJson(content: SessionContent, options: { exportedAt?: Date | number } = {}): string {
  return `${JSON.stringify(buildArchive(content, options), null, 2)}\n`;
}
