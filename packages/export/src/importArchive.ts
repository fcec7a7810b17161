/**
 * Reading a JSON archive back, from anyone: it is untrusted input, parsed at the boundary into
 * a typed value or a typed error. Sizes are bounded, every room state must decode as a complete
 * Yjs document, and the session must be one the server could have created.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './archive.js';
import { PLENARY_ROOM } from './types.js';
import type { ArchivedSession } from './types.js';

export interface ImportLimits {
  /** largest decoded state of one room (the server's MAX_DOCUMENT_BYTES); default 16 MiB */
  maxRoomBytes?: number;
  /** largest JSON text of `session.settings`; default 64 KiB */
  maxSettingsBytes?: number;
}

export interface RestoredSession {
  /** the session to create, under a new id */
  session: Omit<ArchivedSession, 'id'>;
  /** the id it had where it was exported, for the record */
  previousId: string | null;
  exportedAt: string;
  /** room name → Yjs state, for every room the archive holds */
  rooms: Record<string, Uint8Array>;
}

export type ImportErrorCode = 'bad-archive' | 'unsupported-version' | 'too-large';

export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

export type ImportResult = { ok: true; value: RestoredSession } | { ok: false; error: ImportError };

/** Room names as the websocket accepts them (apps/server upgrade.ts). */
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const trimmed = (max: number) => z.string().trim().min(1).max(max);

const territoryVotes = z.object({ territory: z.string().max(60), votes: z.number().int().min(0) });
const carriedOverSchema = z.object({
  title: z.string().max(200),
  votes: z.number().int().min(0),
  byTerritory: z.array(territoryVotes).max(100),
  source: z.object({
    programmeId: z.string().max(64),
    themes: z.array(z.object({ sessionId: z.string().max(64), territory: z.string().max(60), themeId: z.string().max(200), label: z.string().max(10_000), votes: z.number().int().min(0) })).max(1000),
  }),
  groupId: z.string().max(64).optional(),
});

// The same bounds as creating a session (apps/server validation.ts).
const sessionSchema = z.object({
  id: z.string().max(64).optional(),
  title: trimmed(200),
  questions: z.array(trimmed(1000)).max(20),
  keyIdeaLimit: z.number().int().min(1).max(10),
  groups: z.array(z.object({ id: z.string().regex(ROOM_ID, 'letters, digits, - and _ only').refine((id) => id !== PLENARY_ROOM, 'reserved for the plenary'), name: trimmed(80) })).min(1).max(60),
  createdAt: z.number().int().min(0).max(8.64e15),
  settings: z.record(z.string(), z.unknown()),
  // issue 11 §3, the same shape as the server writes it (docs/contract.md "Programmes")
  carriedOver: z.array(carriedOverSchema).max(60).optional(),
});

const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number(),
  exportedAt: z.string().max(64),
  session: sessionSchema,
  rooms: z.record(z.string(), z.object({ state: z.string(), snapshot: z.unknown().optional() })),
});

function fail(code: ImportErrorCode, message: string): ImportResult {
  return { ok: false, error: { code, message } };
}

/** Decodes one room's state; null when it is not a complete Yjs document. */
function decodeState(bytes: Uint8Array): boolean {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, bytes);
    // Structures whose dependencies are missing are parked, not applied: the state is partial.
    return doc.store.pendingStructs === null && doc.store.pendingDs === null;
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}

/** Validates a parsed JSON value as an archive. Never throws. */
export function parseArchive(input: unknown, limits: ImportLimits = {}): ImportResult {
  const maxRoomBytes = limits.maxRoomBytes ?? 16 * 1024 * 1024;
  const maxSettingsBytes = limits.maxSettingsBytes ?? 64 * 1024;
  if (typeof input === 'object' && input !== null && 'version' in input && input.version !== ARCHIVE_VERSION && (input as { format?: unknown }).format === ARCHIVE_FORMAT) {
    return fail('unsupported-version', `This archive is version ${String(input.version)}; this Concerto reads version ${ARCHIVE_VERSION}.`);
  }
  const parsed = archiveSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'archive'}: ${i.message}`).join('; ');
    return fail('bad-archive', `Not a Concerto archive: ${detail}`);
  }
  const archive = parsed.data;
  const { session } = archive;

  const groupIds = new Set<string>();
  for (const group of session.groups) {
    if (groupIds.has(group.id)) return fail('bad-archive', `Group id "${group.id}" appears twice.`);
    groupIds.add(group.id);
  }
  let settingsText: string;
  try {
    settingsText = JSON.stringify(session.settings);
  } catch {
    return fail('bad-archive', 'session.settings is not plain JSON.');
  }
  if (Buffer.byteLength(settingsText) > maxSettingsBytes) return fail('too-large', `session.settings is larger than ${maxSettingsBytes} bytes.`);

  const rooms: Record<string, Uint8Array> = {};
  for (const [name, room] of Object.entries(archive.rooms)) {
    if (name !== PLENARY_ROOM && !groupIds.has(name)) return fail('bad-archive', `Room "${name.slice(0, 64)}" belongs to no group of the session.`);
    // Checked before decoding, so an oversized room costs nothing.
    if ((room.state.length / 4) * 3 > maxRoomBytes + 2) return fail('too-large', `Room "${name}" is larger than ${maxRoomBytes} bytes.`);
    if (!BASE64.test(room.state)) return fail('bad-archive', `Room "${name}": state is not base64.`);
    const bytes = new Uint8Array(Buffer.from(room.state, 'base64'));
    if (!decodeState(bytes)) return fail('bad-archive', `Room "${name}": state is not a complete Yjs document.`);
    rooms[name] = bytes;
  }

  return {
    ok: true,
    value: {
      session: {
        title: session.title,
        questions: session.questions,
        keyIdeaLimit: session.keyIdeaLimit,
        groups: session.groups,
        createdAt: session.createdAt,
        settings: JSON.parse(settingsText) as Record<string, unknown>,
        ...(session.carriedOver === undefined ? {} : { carriedOver: session.carriedOver }),
      },
      previousId: session.id ?? null,
      exportedAt: archive.exportedAt,
      rooms,
    },
  };
}

/** Parses archive text (JSON) and validates it. Never throws. */
export function parseArchiveText(text: string, limits: ImportLimits = {}): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail('bad-archive', `Not JSON: ${(err as Error).message}`);
  }
  return parseArchive(value, limits);
}
