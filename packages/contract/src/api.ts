import type { Role } from './roles.js';

export interface CreateSessionRequest {
  title: string;
  groups?: string[];
  questions?: string[];
  keyIdeaLimit?: number;
  /** the day of the webinar, ISO `YYYY-MM-DD` */
  date?: string;
  /** the board every group room starts from; default « Libre » (docs/contract.md) */
  template?: SessionTemplate;
  /**
   * Organisation by theme (issue 11 §2): one board per axis (they take the place of `groups`,
   * which must then be absent) and participant groups that visit the boards in rounds.
   * Default groups: « Groupe A », « Groupe B »… one per axis.
   */
  rotation?: { axes: string[]; groups?: string[] };
}

/** Round state of a session organised by theme. */
export interface RotationDescription {
  /** the participant groups, in order: group i starts on axis i */
  groups: GroupDescription[];
  /** the current round, 1-based */
  round: number;
  rounds: number;
  status: 'waiting' | 'running' | 'ended';
  /** the action-sheet phase: each person chooses their axis; how many chose each (by axis id) */
  choosing?: { counts: Record<string, number> };
}

/** A session's board template: a named one, or the facilitator's own zones (1 to 8). */
export type SessionTemplate =
  | { kind: 'libre' }
  | { kind: 'enjeux-objectifs-actions' }
  | { kind: 'custom'; zones: { title: string; question?: string; keyIdeaLimit?: number }[] };

export interface GroupDescription {
  id: string;
  name: string;
}

export interface SessionLinks {
  facilitator: string;
  projector: string;
  plenary: string;
  groups: { id: string; name: string; url: string }[];
  /** organisation by theme: one personal link per participant group, for the whole session */
  rotationGroups?: { id: string; name: string; url: string }[];
}

export interface CreateSessionResponse {
  id: string;
  title: string;
  facilitatorToken: string;
  projectorToken: string;
  groups: (GroupDescription & { token: string })[];
  /** organisation by theme: the participant groups with their tokens */
  rotationGroups?: (GroupDescription & { token: string })[];
  links: SessionLinks;
}

/** `GET /api/sessions/:id`: what any holder of a token of the session may know. */
export interface SessionDescription {
  id: string;
  title: string;
  date: string | null;
  questions: string[];
  keyIdeaLimit: number;
  /** the board its group rooms start from (the zones themselves are in each room's document) */
  template: SessionTemplate;
  groups: GroupDescription[];
  createdAt: number;
  /** what the token presented can do */
  you: { role: Role; groupId: string | null };
  /** rooms that are read-only for everyone but the facilitator */
  lockedRooms: string[];
  /** a closed session is read-only for everyone */
  closed: boolean;
  /** the server's clock (ms since epoch) when it answered, to show timers right on skewed devices */
  serverTime: number;
  /** what earlier sessions of its programme handed over (issue 11 §3); [] when none */
  carriedOver: CarriedOverItem[];
  /** organisation by theme: `groups` are the axes' boards, and these groups rotate over them; null otherwise */
  rotation: RotationDescription | null;
}

export interface PushResponse {
  groupId: string;
  pushedAt: number;
  keyIdeas: { text: string }[];
}

export interface PlenaryResponse {
  groups: { id: string; name: string; pushedAt: number | null; keyIdeas: { id: string; text: string }[] }[];
  themes: { id: string; label: string; ideaIds: string[]; synthesis: string }[];
}

/** Votes of one territory (issue 11 §3). */
export interface TerritoryVotes {
  territory: string;
  votes: number;
}

/** One theme of one session's plenary, as a programme sees it. */
export interface ProgrammeThemeSource {
  sessionId: string;
  territory: string;
  themeId: string;
  label: string;
  votes: number;
}

/**
 * What a session carries over from earlier ones (its record's `carriedOver`): a consolidated
 * theme with its votes and where they came from. Read-only for participants.
 */
export interface CarriedOverItem {
  title: string;
  votes: number;
  byTerritory: TerritoryVotes[];
  source: { programmeId: string; themes: ProgrammeThemeSource[] };
  /** the group (axis) of the new session it opens */
  groupId?: string;
}

export interface CreateProgrammeRequest {
  title: string;
}

export interface CreateProgrammeResponse {
  id: string;
  title: string;
  facilitatorToken: string;
  /** the programme view, `/p/<id>#token=…` */
  link: string;
}

export interface ProgrammeMerge {
  id: string;
  title: string;
  /** theme refs `<sessionId>/<themeId>` */
  members: string[];
}

/** `GET /api/programmes/:id`: the programme, its sessions' themes and the consolidation. */
export interface ProgrammeDescription {
  id: string;
  title: string;
  createdAt: number;
  /** pass it back with PUT …/merges; a stale one gets 409 */
  revision: number;
  merges: ProgrammeMerge[];
  sessions: {
    id: string;
    title: string;
    territory: string;
    date: string | null;
    themes: { themeId: string; label: string; votes: number }[];
  }[];
  consolidated: {
    id: string;
    title: string;
    votes: number;
    byTerritory: TerritoryVotes[];
    sources: ProgrammeThemeSource[];
    merged: boolean;
  }[];
}
