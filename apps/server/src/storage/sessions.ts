/**
 * How a SessionRecord is stored: the whole record as JSON text, plus `id` and `created_at`
 * columns for lookups and ordering. JSON text rather than a title column or PostgreSQL jsonb:
 * JSON.stringify escapes NUL and lone surrogates, which PostgreSQL text/jsonb and SQLite's
 * UTF-8 conversion would reject or mangle, so every title round-trips exactly in both adapters.
 */
import type { ProgrammeRecord, ProgrammeSession, SessionRecord, SessionSummary } from './port.js';

export function serializeSession(session: SessionRecord): string {
  return JSON.stringify(session);
}

export function parseSession(data: string): SessionRecord {
  return JSON.parse(data) as SessionRecord;
}

export function summarize(session: SessionRecord): SessionSummary {
  return { id: session.id, title: session.title, createdAt: session.createdAt };
}

/** Programmes and their sessions are stored the same way, as JSON text, for the same reason. */
export function serializeProgramme(programme: ProgrammeRecord): string {
  const { id, title, createdAt, revision, merges } = programme;
  return JSON.stringify({ id, title, createdAt, revision, merges });
}

export function parseProgramme(data: string): ProgrammeRecord {
  return JSON.parse(data) as ProgrammeRecord;
}

/** `attachedAt` lives in its own column only: re-attaching a session keeps its first time. */
export function serializeMember(member: ProgrammeSession): string {
  const { sessionId, territory, date } = member;
  return JSON.stringify({ sessionId, territory, date });
}

export function parseMember(data: string, attachedAt: number | string): ProgrammeSession {
  return { ...(JSON.parse(data) as Omit<ProgrammeSession, 'attachedAt'>), attachedAt: Number(attachedAt) };
}
