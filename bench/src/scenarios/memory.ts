/**
 * Scenario 5, memory: N rooms each with one idle connected client; heap and RSS per room
 * (after full GCs), then every client leaves and, a few seconds later, how many rooms the
 * server still holds in memory (Concerto must hold none).
 */
import type { ScenarioReport, TargetCheck } from '../report.js';
import { SERVER_LABELS, ServerUnderTest } from '../servers/index.js';
import type { ServerName } from '../servers/index.js';
import type { Context } from './context.js';
import { sleep, startGenerator } from './load.js';

export interface MemoryResult {
  server: ServerName;
  rooms: number;
  heapPerRoomKB: number;
  rssPerRoomKB: number;
  roomsWhileConnected: number;
  roomsAfterLeave: number;
  waitedMs: number;
  error?: string;
}

export async function memoryOne(name: ServerName, roomCount: number, waitMs: number): Promise<MemoryResult> {
  const result: MemoryResult = { server: name, rooms: roomCount, heapPerRoomKB: NaN, rssPerRoomKB: NaN, roomsWhileConnected: NaN, roomsAfterLeave: NaN, waitedMs: waitMs };
  const server = await ServerUnderTest.start(name);
  const generator = await startGenerator();
  try {
    const rooms = await server.openRooms(roomCount);
    const before = await server.gc();
    await generator.call('connect', { rooms, clientsPerRoom: 1, clientIdBase: 100, notes: false }, 300_000);
    await sleep(500);
    const after = await server.gc();
    result.roomsWhileConnected = after.rooms;
    result.heapPerRoomKB = (after.heapUsed - before.heapUsed) / roomCount / 1024;
    result.rssPerRoomKB = (after.rss - before.rss) / roomCount / 1024;
    await generator.call('closeAll');
    await sleep(waitMs);
    result.roomsAfterLeave = await server.roomsInMemory();
  } catch (err) {
    result.error = (err as Error).message.slice(0, 300);
  } finally {
    await generator.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
  }
  return result;
}

export async function memory(ctx: Context): Promise<ScenarioReport> {
  const roomCount = ctx.quick ? 100 : 500;
  const waitMs = 3_000;
  const results: MemoryResult[] = [];
  for (const name of ctx.servers) {
    ctx.log(`memory: ${name}, ${roomCount} idle rooms`);
    const r = await memoryOne(name, roomCount, waitMs);
    ctx.log(`  ${r.error ? `failed: ${r.error}` : `heap/room ${r.heapPerRoomKB.toFixed(1)} KB, rooms left ${r.roomsAfterLeave}`}`);
    results.push(r);
  }
  const targets: TargetCheck[] = [];
  const c = results.find((r) => r.server === 'concerto');
  if (c) {
    targets.push({ target: 'idle connected room ≤ 30 KB heap', value: `${c.heapPerRoomKB.toFixed(1)} KB`, met: Number.isFinite(c.heapPerRoomKB) ? c.heapPerRoomKB <= 30 : null });
    targets.push({ target: 'rooms in memory after the last client left = 0', value: String(c.roomsAfterLeave), met: Number.isFinite(c.roomsAfterLeave) ? c.roomsAfterLeave === 0 : null });
  }
  return {
    id: 'memory',
    title: `Scenario 5 — Memory: ${roomCount} idle connected rooms`,
    tables: [
      {
        columns: ['server', 'heap per room (KB)', 'RSS per room (KB)', 'rooms while connected', `rooms ${waitMs / 1000} s after the last client left`],
        rows: results.map((r) => [SERVER_LABELS[r.server], r.heapPerRoomKB, r.rssPerRoomKB, r.roomsWhileConnected, r.error ? 'error' : r.roomsAfterLeave]),
      },
    ],
    targets,
    notes: [
      'Per room: one client connected and synced, no awareness; includes the connection. Concerto rooms hold the board schema its server writes on first load; the references start empty.',
      '@y/websocket-server frees a document only when a persistence is configured (in memory, its default, it keeps every room forever).',
      ...results.filter((r) => r.error).map((r) => `${r.server}: ${r.error}`),
    ],
    data: results,
  };
}
