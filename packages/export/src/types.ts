/**
 * What every format is made from: a session as the server stores it, and the Yjs state of each
 * of its rooms. Plain data, so the package needs no storage and no server.
 */
import type { CarriedOver } from '@concerto/board';

/** The session record as the server keeps it (apps/server `SessionRecord`), and as archives carry it. */
export interface ArchivedSession {
  id: string;
  title: string;
  questions: string[];
  keyIdeaLimit: number;
  groups: { id: string; name: string }[];
  /** ms since epoch */
  createdAt: number;
  /** free-form, JSON-safe: `date` (YYYY-MM-DD), `closed`, `closedAt`, locks… */
  settings: Record<string, unknown>;
  /** issue 11 §3: what the session took over from earlier ones of its programme */
  carriedOver?: CarriedOver[];
}

export interface SessionContent {
  session: ArchivedSession;
  /**
   * Room name (a group id, or `plenary`) → `Y.encodeStateAsUpdate` of its document. A room that
   * is missing reads as an empty board: a group nobody opened has no stored document.
   */
  rooms: Readonly<Record<string, Uint8Array>>;
}

/** The room that holds the plenary (docs/contract.md); kept here so the package stays independent of the server. */
export const PLENARY_ROOM = 'plenary';
