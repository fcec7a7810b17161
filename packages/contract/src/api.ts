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
}

export interface CreateSessionResponse {
  id: string;
  title: string;
  facilitatorToken: string;
  projectorToken: string;
  groups: (GroupDescription & { token: string })[];
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
