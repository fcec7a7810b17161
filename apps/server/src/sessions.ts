/**
 * Sessions: creating one (with its groups and links), reading it back, and checking a token
 * against it. The records live in storage; a small cache spares a lookup per websocket join.
 */
import { randomBytes } from 'node:crypto';
import { axisCounts } from '@concerto/board';
import type { CreateSessionResponse, GroupDescription, RotationDescription, SessionDescription } from '@concerto/contract';
import { DEFAULT_GROUP_NAMES, groupIdFromName, PLENARY_ROOM } from '@concerto/contract';
import { LIBRE_TEMPLATE } from '@concerto/board';
import type { SessionEvent } from './fanout/index.js';
import type { RoomPolicy } from './rights.js';
import type { SessionRecord, Storage } from './storage/index.js';
import { settingsOf, withSettings } from './settings.js';
import { issueToken, verifyToken } from './tokens.js';
import type { TokenClaims, TokenError } from './tokens.js';
import type { CreateSessionInput } from './validation.js';

const CACHE_TTL_MS = 5_000;

/** « Groupe A », « Groupe B »…: the default participant groups of a session by theme, one per axis. */
export function defaultRotationGroupNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Groupe ${i < 26 ? String.fromCharCode(65 + i) : i + 1}`);
}
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o, 1/l: ids get read aloud and typed

export function newSessionId(): string {
  const bytes = randomBytes(12);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

/**
 * Unique group ids from names: "Groupe 1" → groupe-1; a repeated name gets -2, -3… `used`
 * holds ids already taken (the axes, when naming a session's rotating groups).
 */
export function groupsFromNames(names: readonly string[], taken: readonly string[] = []): GroupDescription[] {
  const used = new Set<string>([PLENARY_ROOM, ...taken]);
  return names.map((raw) => {
    const name = raw.trim();
    const base = groupIdFromName(name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, name };
  });
}

export type AuthResult =
  | { ok: true; claims: TokenClaims; session: SessionRecord }
  | { ok: false; reason: 'unauthorized' | 'forbidden' | 'not-found'; detail: TokenError | string };

export class Sessions {
  private readonly cache = new Map<string, { record: SessionRecord; at: number }>();
  private announce: (id: string, event: SessionEvent) => void = () => undefined;

  constructor(
    private readonly storage: Storage,
    private readonly secret: Buffer,
    private readonly tokenTtlDays: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Other instances hear of every change this one makes to a record (SPEC.md R24). */
  announceTo(announce: (id: string, event: SessionEvent) => void): void {
    this.announce = announce;
  }

  /** `extra`: what a session started from earlier ones carries over (programme/service.ts) */
  async create(input: CreateSessionInput, baseUrl: string, extra: Pick<SessionRecord, 'carriedOver'> = {}): Promise<CreateSessionResponse> {
    // By theme, the boards are the axes; by group (the default), the groups.
    const boards = groupsFromNames(input.rotation?.axes ?? input.groups ?? DEFAULT_GROUP_NAMES);
    let record: SessionRecord = {
      ...extra,
      id: newSessionId(),
      title: input.title,
      questions: input.questions ?? [],
      keyIdeaLimit: input.keyIdeaLimit ?? 2,
      groups: boards,
      createdAt: this.now(),
      settings: {},
    };
    if (input.date) record = withSettings(record, { date: input.date });
    if (input.rotation) {
      const names = input.rotation.groups ?? defaultRotationGroupNames(boards.length);
      const groups = groupsFromNames(names, boards.map((b) => b.id));
      record = withSettings(record, { rotation: { groups, round: 1, rounds: boards.length, status: 'waiting' } });
    }
    if (input.template) record = withSettings(record, { template: input.template });
    return this.adopt(record, baseUrl);
  }

  /**
   * Stores a complete record under its (new) id and issues its links: a session just created,
   * or one restored from an archive (apps/server/src/archive).
   */
  async adopt(record: SessionRecord, baseUrl: string): Promise<CreateSessionResponse> {
    await this.storage.putSession(record);
    this.cache.set(record.id, { record, at: this.now() });
    return this.links(record, baseUrl);
  }

  /**
   * Fresh links for every role of a session. Only the facilitator may ask (they can do
   * everything these links can), so a console on another device can hand them out again.
   */
  links(record: SessionRecord, baseUrl: string): CreateSessionResponse {
    const expiresAt = Math.floor(this.now() / 1000) + this.tokenTtlDays * 86_400;
    const token = (role: TokenClaims['role'], groupId: string | null) =>
      issueToken(this.secret, { sessionId: record.id, role, groupId, expiresAt });
    const facilitatorToken = token('facilitator', null);
    const projectorToken = token('projector', null);
    const groups = record.groups.map((g) => ({ ...g, token: token('participant', g.id) }));
    const link = (path: string, t: string) => `${baseUrl}/s/${record.id}/${path}#token=${t}`;
    const rotation = settingsOf(record).rotation;
    // By theme, a group's link is its own for the whole session: the page follows the rounds.
    const rotationGroups = rotation?.groups.map((g) => ({ ...g, token: token('participant', g.id) }));
    return {
      id: record.id,
      title: record.title,
      facilitatorToken,
      projectorToken,
      groups,
      ...(rotationGroups ? { rotationGroups } : {}),
      links: {
        facilitator: link('facilitate', facilitatorToken),
        projector: link('projection', projectorToken),
        plenary: link(PLENARY_ROOM, projectorToken),
        groups: groups.map((g) => ({ id: g.id, name: g.name, url: link(g.id, g.token) })),
        ...(rotationGroups ? { rotationGroups: rotationGroups.map((g) => ({ id: g.id, name: g.name, url: link(g.id, g.token) })) } : {}),
      },
    };
  }

  async get(id: string): Promise<SessionRecord | null> {
    const cached = this.cache.get(id);
    if (cached !== undefined && this.now() - cached.at < CACHE_TTL_MS) return cached.record;
    const record = await this.storage.getSession(id);
    if (record === null) this.cache.delete(id);
    else this.cache.set(id, { record, at: this.now() });
    return record;
  }

  async save(record: SessionRecord): Promise<void> {
    await this.storage.putSession(record);
    this.cache.set(record.id, { record, at: this.now() });
  }

  /**
   * Changes a session's record (settings, groups…) and stores it. Callers then apply the new
   * policy to live connections (`SocketServer.applyPolicy`).
   */
  async update(id: string, change: (record: SessionRecord) => SessionRecord): Promise<SessionRecord | null> {
    const current = await this.storage.getSession(id);
    if (current === null) return null;
    const next = change(current);
    await this.save(next);
    this.announce(id, { type: 'changed' });
    return next;
  }

  /** Drops the cached record: the next read comes from storage (another instance changed it). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** The session was deleted from storage: forgotten here, and announced to other instances. */
  deleted(id: string): void {
    this.cache.delete(id);
    this.announce(id, { type: 'deleted' });
  }

  /** Checks a token and loads the session it opens. */
  async authenticate(token: string | null | undefined, sessionId: string): Promise<AuthResult> {
    if (!token) return { ok: false, reason: 'unauthorized', detail: 'missing token' };
    const verified = verifyToken(this.secret, token, Math.floor(this.now() / 1000));
    if (!verified.ok) return { ok: false, reason: 'unauthorized', detail: verified.error };
    if (verified.claims.sessionId !== sessionId) {
      return { ok: false, reason: 'forbidden', detail: 'the token belongs to another session' };
    }
    const session = await this.get(sessionId);
    if (session === null) return { ok: false, reason: 'not-found', detail: 'no such session' };
    return { ok: true, claims: verified.claims, session };
  }
}

export function policyOf(session: SessionRecord): RoomPolicy {
  const settings = settingsOf(session);
  return {
    groupIds: session.groups.map((g) => g.id),
    openGroupIds: settings.openGroups,
    lockedRooms: settings.lockedRooms,
    closed: settings.closed,
    rotation: settings.rotation === null ? undefined : {
      groupIds: settings.rotation.groups.map((g) => g.id),
      round: settings.rotation.round,
      ...(settings.rotation.choices ? { choices: settings.rotation.choices } : {}),
    },
  };
}

export function describeSession(session: SessionRecord, claims: TokenClaims, now = Date.now()): SessionDescription {
  const policy = policyOf(session);
  return {
    id: session.id,
    title: session.title,
    date: settingsOf(session).date,
    questions: session.questions,
    keyIdeaLimit: session.keyIdeaLimit,
    template: settingsOf(session).template ?? LIBRE_TEMPLATE,
    groups: session.groups.map((g) => ({ id: g.id, name: g.name })),
    createdAt: session.createdAt,
    you: { role: claims.role, groupId: claims.groupId },
    lockedRooms: [...(policy.lockedRooms ?? [])],
    closed: policy.closed === true,
    serverTime: now,
    carriedOver: session.carriedOver ?? [],
    rotation: rotationOf(session),
  };
}

function rotationOf(session: SessionRecord): RotationDescription | null {
  const rotation = settingsOf(session).rotation;
  if (rotation === null) return null;
  const { groups, round, rounds, status, choices } = rotation;
  const choosing = choices === undefined ? {} : { choosing: { counts: axisCounts(choices, session.groups.map((g) => g.id)) } };
  return { groups: groups.map((g) => ({ id: g.id, name: g.name })), round, rounds, status, ...choosing };
}
