/**
 * How a SessionRecord is stored: the whole record as JSON text, plus `id` and `created_at`
 * columns for lookups and ordering. JSON text rather than a title column or PostgreSQL jsonb:
 * JSON.stringify escapes NUL and lone surrogates, which PostgreSQL text/jsonb and SQLite's
 * UTF-8 conversion would reject or mangle, so every title round-trips exactly in both adapters.
 */
import type { SessionRecord, SessionSummary } from './port.js';

export function serializeSession(session: SessionRecord): string {
  return JSON.stringify(session);
}

export function parseSession(data: string): SessionRecord {
  return JSON.parse(data) as SessionRecord;
}

export function summarize(session: SessionRecord): SessionSummary {
  return { id: session.id, title: session.title, createdAt: session.createdAt };
}
