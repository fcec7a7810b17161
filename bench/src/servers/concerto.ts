/**
 * Concerto's own server under test, in its own process: the real `startServer` with its real
 * storage (SQLite in a temporary DATA_DIR: every relayed update is committed first, the
 * durability rule intact). Only the per-connection rate limit is raised (MAX_MESSAGES_PER_SECOND,
 * MESSAGE_BURST), since the saturation sweep sends far more than a person does, and the
 * document size cap, since a sweep writes more than a workshop does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@concerto/server/dist/config.js';
import { startServer } from '@concerto/server/dist/server.js';
import { runWrapper } from './wrapper.js';

export const BENCH_ENV = {
  MAX_MESSAGES_PER_SECOND: '100000',
  MESSAGE_BURST: '1000000',
  MAX_DOCUMENT_BYTES: String(1024 * 1024 * 1024),
};

/**
 * Server settings to try through the bench: `CONCERTO_BENCH_<VARIABLE>=<value>` in the runner's
 * environment sets `<VARIABLE>` for Concerto's server (e.g. CONCERTO_BENCH_COMPACT_AFTER_ROWS).
 */
function overrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('CONCERTO_BENCH_') && value !== undefined) out[key.slice('CONCERTO_BENCH_'.length)] = value;
  }
  return out;
}

await runWrapper(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concerto-bench-'));
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...BENCH_ENV, ...overrides(process.env) }),
  );
  return {
    port: server.port,
    roomsInMemory: () => server.rooms.size,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    ops: {
      /** what the room's log holds in SQLite: bytes and rows */
      stored: async (args: { sessionId: string; room: string }) => {
        await server.rooms.drain();
        const loaded = await server.storage.loadRoom(args.sessionId, args.room);
        return { bytes: loaded.updates.reduce((sum, u) => sum + u.length, 0), rows: loaded.rows };
      },
      dataDir: () => dataDir,
    },
  };
});
