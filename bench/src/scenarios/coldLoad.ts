/**
 * Scenario 4, cold load: rooms of 2,000 notes written through the protocol, stored, unloaded
 * (no client left), then a new client opens each: time from opening the socket until its
 * document holds every note, and the server's heap per loaded room (after full GCs).
 * Concerto loads from SQLite; @y/websocket-server from its LevelDB persistence (YPERSISTENCE);
 * Hocuspocus through onLoadDocument/onStoreDocument hooks (one file per document).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeProfile } from '../profile.js';
import type { ProfileSummary } from '../profile.js';
import type { ScenarioReport, Table, TargetCheck } from '../report.js';
import { SERVER_LABELS, ServerUnderTest } from '../servers/index.js';
import type { ServerName } from '../servers/index.js';
import { median } from '../stats.js';
import type { Context } from './context.js';
import { sleep, startGenerator } from './load.js';

export const COLD_NOTES = 2_000;

export interface ColdLoadResult {
  server: ServerName;
  rooms: number;
  notes: number;
  seedMs: number[];
  loadMs: number[];
  /** to the arrival of the full state, without the client integrating it */
  receivedMs: number[];
  clientApplyMs: number[];
  stateBytes: number[];
  /** the same rooms loaded a second time (whatever the first load left in storage, e.g. a compacted log) */
  secondReceivedMs: number[];
  notesSeen: number[];
  heapPerRoomKB: number;
  /** heap plus memory outside it (Buffers, Uint8Arrays): a server may hold the stored bytes as they are */
  heapExternalPerRoomKB: number;
  rssPerRoomKB: number;
  roomsLeftBeforeLoad: number;
  /** Concerto: rows of the room's log in SQLite at the first and the second cold load */
  storedRows?: number[];
  storedRowsSecond?: number[];
  error?: string;
}

async function waitForRooms(server: ServerUnderTest, count: number, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let rooms = await server.roomsInMemory();
  while (rooms > count && Date.now() < until) {
    await sleep(100);
    rooms = await server.roomsInMemory();
  }
  return rooms;
}

export async function coldLoadOne(name: ServerName, roomCount: number, notes: number, profileFile?: string): Promise<ColdLoadResult> {
  const result: ColdLoadResult = { server: name, rooms: roomCount, notes, seedMs: [], loadMs: [], receivedMs: [], clientApplyMs: [], stateBytes: [], secondReceivedMs: [], notesSeen: [], heapPerRoomKB: NaN, heapExternalPerRoomKB: NaN, rssPerRoomKB: NaN, roomsLeftBeforeLoad: NaN };
  const server = await ServerUnderTest.start(name, { persist: true });
  const generator = await startGenerator();
  try {
    const rooms = await server.openRooms(roomCount);
    for (const [i, room] of rooms.entries()) {
      const seeded = await generator.call<{ ms: number }>('seed', { target: room, notes, clientId: 10 + i, board: { groupId: room.name, name: room.name } }, 300_000);
      result.seedMs.push(seeded.ms);
    }
    result.roomsLeftBeforeLoad = await waitForRooms(server, 0, 15_000);
    // LevelDB and the store hooks finish their writes after the room left memory
    await sleep(1_000);
    if (name === 'concerto') result.storedRows = await Promise.all(rooms.map(async (room) => (await server.stored(room)).rows));
    const before = await server.gc();
    if (profileFile) await server.profileStart();
    for (const [i, room] of rooms.entries()) {
      const loaded = await generator.call<{ ms: number; receivedMs: number; applyMs: number; notes: number; bytes: number }>('coldLoad', { target: room, expectedNotes: notes, clientId: 5_000 + i });
      result.loadMs.push(loaded.ms);
      result.receivedMs.push(loaded.receivedMs);
      result.clientApplyMs.push(loaded.applyMs);
      result.stateBytes.push(loaded.bytes);
      result.notesSeen.push(loaded.notes);
    }
    if (profileFile) await server.profileStop(profileFile);
    await sleep(200);
    const after = await server.gc();
    result.heapPerRoomKB = (after.heapUsed - before.heapUsed) / roomCount / 1024;
    result.heapExternalPerRoomKB = (after.heapUsed + after.external - before.heapUsed - before.external) / roomCount / 1024;
    result.rssPerRoomKB = (after.rss - before.rss) / roomCount / 1024;
    // second cold load of the same rooms
    await generator.call('closeAll');
    await waitForRooms(server, 0, 15_000);
    await sleep(1_000);
    if (name === 'concerto') result.storedRowsSecond = await Promise.all(rooms.map(async (room) => (await server.stored(room)).rows));
    await waitForRooms(server, 0, 15_000);
    for (const [i, room] of rooms.entries()) {
      const again = await generator.call<{ receivedMs: number }>('coldLoad', { target: room, expectedNotes: notes, clientId: 6_000 + i });
      result.secondReceivedMs.push(again.receivedMs);
    }
  } catch (err) {
    result.error = (err as Error).message.slice(0, 300);
  } finally {
    await generator.call('closeAll').catch(() => undefined);
    await generator.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
  }
  return result;
}

export async function coldLoad(ctx: Context): Promise<ScenarioReport> {
  const roomCount = ctx.quick ? 1 : 3;
  const results: ColdLoadResult[] = [];
  let profile: ProfileSummary | null = null;
  for (const name of ctx.servers) {
    ctx.log(`cold load: ${name}, ${roomCount} room(s) of ${COLD_NOTES} notes`);
    const profileFile = name === 'concerto' && ctx.cpuProfDir ? join(ctx.cpuProfDir, 'concerto-coldload.cpuprofile') : undefined;
    const r = await coldLoadOne(name, roomCount, COLD_NOTES, profileFile);
    if (profileFile && existsSync(profileFile)) profile = summarizeProfile(profileFile, 12);
    ctx.log(`  ${r.error ? `failed: ${r.error}` : `load ${r.loadMs.map((m) => m.toFixed(0)).join(', ')} ms, heap/room ${r.heapPerRoomKB.toFixed(0)} KB`}`);
    results.push(r);
  }
  const targets: TargetCheck[] = [];
  const concerto = results.find((r) => r.server === 'concerto');
  if (concerto) {
    const ms = median(concerto.receivedMs);
    const complete = concerto.notesSeen.every((n) => n >= COLD_NOTES);
    targets.push({
      target: `cold load of a ${COLD_NOTES}-note room ≤ 50 ms to the client's full sync`,
      value: `${ms.toFixed(1)} ms (${median(concerto.loadMs).toFixed(0)} ms with the client's own apply)`,
      met: Number.isFinite(ms) && complete ? ms <= 50 : null,
      note: 'socket open → full state received; the client integrating it into its Y.Doc is its own cost, shown apart',
    });
  }
  const profileTables: Table[] = profile
    ? [
        {
          title: "Concerto server CPU profile while loading (its own functions by total time)",
          columns: ['function', 'where', 'total % of busy'],
          rows: profile.ownByTotal.map((t) => [t.fn, t.where, t.totalPct]),
        },
        {
          title: 'Concerto server CPU profile while loading (self time)',
          columns: ['function', 'where', 'self % of busy', 'total % of busy'],
          rows: profile.top.map((t) => [t.fn, t.where, t.selfPct, t.totalPct]),
        },
      ]
    : [];
  return {
    id: 'coldLoad',
    title: `Scenario 4 — Cold load of a ${COLD_NOTES}-note room from storage`,
    tables: [
      {
        title: `${roomCount} room(s) per server, loaded one after the other`,
        columns: ['server', 'storage', 'full state received (ms)', 'same, second load (ms)', 'client apply (ms)', 'until the doc has every note (ms)', 'state (KB)', 'heap per loaded room (KB)', 'heap + external per loaded room (KB)', 'RSS per loaded room (KB)', 'seed (ms)'],
        rows: results.map((r) => [
          SERVER_LABELS[r.server],
          r.server === 'concerto' ? 'SQLite (its own)' : r.server === 'yws' ? 'LevelDB (YPERSISTENCE)' : 'onStore/onLoadDocument hooks, a file per document',
          r.error ? `error` : median(r.receivedMs),
          median(r.secondReceivedMs),
          median(r.clientApplyMs),
          r.notesSeen.length && Math.min(...r.notesSeen) >= COLD_NOTES ? median(r.loadMs) : `incomplete (${Math.min(...r.notesSeen)} notes)`,
          median(r.stateBytes) / 1024,
          r.heapPerRoomKB,
          r.heapExternalPerRoomKB,
          r.rssPerRoomKB,
          median(r.seedMs),
        ]),
      },
      ...profileTables,
    ],
    targets,
    notes: [
      'Seeding writes each note as its own transaction (2,000 updates), as people do; each server stores them its own way.',
      ...(concerto?.storedRows ? [`Concerto's log held ${concerto.storedRows.join(', ')} row(s) per room at its first cold load, ${concerto.storedRowsSecond?.join(', ') ?? '?'} at the second.`] : []),
      'Memory per loaded room is measured with the new client connected and idle (full GCs); a server that answers from the stored bytes and integrates lazily holds them outside the heap until someone writes.',
      'The second load opens the same rooms again after every client left: what the first load left in storage (a compacted log, for Concerto) is what it reads.',
      ...results.filter((r) => r.error).map((r) => `${r.server}: ${r.error}`),
    ],
    data: { results, profile },
  };
}
