/**
 * Restoring a session from a JSON archive (POST /api/sessions/import): a new id and new links,
 * the same groups, settings and documents. The rooms' states are stored before the session
 * record, so a session is never visible half restored.
 */
import type { CreateSessionResponse } from '@concerto/contract';
import type { RestoredSession } from '@concerto/export';
import { newSessionId } from '../sessions.js';
import type { Sessions } from '../sessions.js';
import type { Storage } from '../storage/index.js';

export async function restoreSession(storage: Storage, sessions: Sessions, restored: RestoredSession, baseUrl: string): Promise<CreateSessionResponse> {
  const id = newSessionId();
  const entries = Object.entries(restored.rooms)
    .filter(([, state]) => state.length > 0)
    .map(([room, update]) => ({ sessionId: id, room, update }));
  try {
    await storage.append(entries);
    return await sessions.adopt({ id, ...restored.session }, baseUrl);
  } catch (err) {
    // Leave no orphan rows behind a failed restore.
    await storage.deleteSession(id).catch(() => undefined);
    throw err;
  }
}
