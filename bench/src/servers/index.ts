/**
 * The servers under test, as the runner sees them: how to start each one's wrapper process,
 * and how to open N rooms on it (Concerto: sessions with groups and participant tokens;
 * the references: any room name).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateSessionResponse } from '@concerto/contract';
import type { RoomTarget } from '../client/protocol.js';
import { fork } from '../proc.js';
import type { Child } from '../proc.js';
import type { ServerStats } from './wrapper.js';

export const SERVER_NAMES = ['concerto', 'yws', 'hocuspocus'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const SERVER_LABELS: Record<ServerName, string> = {
  concerto: 'Concerto',
  yws: '@y/websocket-server 0.1.1',
  hocuspocus: '@hocuspocus/server 3',
};

export interface StartOptions {
  /** the references persist too (LevelDB for y-websocket-server, store hooks for Hocuspocus) */
  persist?: boolean;
  /** write a V8 CPU profile of the whole server process into this directory (node --cpu-prof) */
  cpuProfDir?: string;
  /** extra environment of the wrapper process (the cluster scenario: storage and fan-out settings) */
  env?: Record<string, string>;
}

/** Concerto room opened through the HTTP API: where it lives in storage */
export interface ConcertoRoom extends RoomTarget {
  sessionId: string;
  room: string;
  /** the group's participant token */
  token: string;
  /** the canvas page of the room, as a participant's link opens it */
  pageUrl: string;
}

export class ServerUnderTest {
  private scratch: string | null = null;
  private roomCounter = 0;

  private constructor(
    readonly name: ServerName,
    readonly child: Child,
    readonly port: number,
    scratch: string | null,
  ) {
    this.scratch = scratch;
  }

  static async start(name: ServerName, options: StartOptions = {}): Promise<ServerUnderTest> {
    const execArgv = ['--expose-gc'];
    if (options.cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
    const env: Record<string, string> = { ...options.env };
    let scratch: string | null = null;
    if (options.persist && name !== 'concerto') {
      scratch = mkdtempSync(join(tmpdir(), `bench-${name}-`));
      if (name === 'yws') env['YPERSISTENCE'] = scratch;
      else env['BENCH_STORE_DIR'] = scratch;
    }
    const child = fork(`servers/${name}.js`, { name, execArgv, env });
    const ready = (await Promise.race([
      child.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} did not start in 30 s: ${child.stderr}`)), 30_000)),
    ])) as { port: number };
    return new ServerUnderTest(name, child, ready.port, scratch);
  }

  get pid(): number {
    return this.child.pid;
  }

  stats(reset = false, timeoutMs = 30_000): Promise<ServerStats> {
    return this.child.call<ServerStats>('stats', { reset }, timeoutMs);
  }

  gc(): Promise<ServerStats> {
    return this.child.call<ServerStats>('gc');
  }

  roomsInMemory(): Promise<number> {
    return this.child.call<number>('rooms');
  }

  /** Opens `count` rooms: Concerto sessions of up to 50 groups; plain names elsewhere. */
  async openRooms(count: number): Promise<RoomTarget[]> {
    const base = `127.0.0.1:${this.port}`;
    if (this.name !== 'concerto') {
      return Array.from({ length: count }, () => {
        const name = `room-${this.roomCounter++}`;
        return this.name === 'yws'
          ? { name, url: `ws://${base}/${name}`, framing: 'yjs' as const }
          : { name, url: `ws://${base}/`, framing: 'hocuspocus' as const, docName: name };
      });
    }
    const rooms: ConcertoRoom[] = [];
    while (rooms.length < count) {
      const groups = Array.from({ length: Math.min(50, count - rooms.length) }, (_, i) => `room ${rooms.length + i}`);
      const response = await fetch(`http://${base}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Bench', groups }),
      });
      if (response.status !== 201) throw new Error(`creating a session failed: ${response.status} ${await response.text()}`);
      const session = (await response.json()) as CreateSessionResponse;
      for (const group of session.groups) {
        rooms.push({
          name: `${session.id}/${group.id}`,
          url: `ws://${base}/ws/${session.id}/${group.id}?token=${encodeURIComponent(group.token)}`,
          framing: 'yjs',
          sessionId: session.id,
          room: group.id,
          token: group.token,
          pageUrl: `http://${base}/s/${session.id}/${group.id}#token=${encodeURIComponent(group.token)}`,
        });
      }
    }
    return rooms;
  }

  /** The same rooms as another instance of this server opened them, reached through this instance. */
  sameRoomsHere(rooms: RoomTarget[], openedOn: ServerUnderTest): RoomTarget[] {
    const from = `127.0.0.1:${openedOn.port}`;
    const to = `127.0.0.1:${this.port}`;
    return rooms.map((room) => {
      const moved: RoomTarget & { pageUrl?: string } = { ...room, url: room.url.replace(from, to) };
      const page = (room as Partial<ConcertoRoom>).pageUrl;
      if (page !== undefined) moved.pageUrl = page.replace(from, to);
      return moved;
    });
  }

  /** starts a V8 CPU profile of the server process */
  profileStart(): Promise<void> {
    return this.child.call('profileStart');
  }

  /** stops it and writes it (a .cpuprofile) */
  profileStop(file: string): Promise<string> {
    return this.child.call('profileStop', { file });
  }

  /** Concerto only: the room's stored log (bytes, rows) read back from SQLite */
  stored(room: RoomTarget): Promise<{ bytes: number; rows: number }> {
    const r = room as ConcertoRoom;
    return this.child.call('stored', { sessionId: r.sessionId, room: r.room });
  }

  async stop(): Promise<void> {
    await this.child.stop(15_000);
    if (this.scratch !== null) rmSync(this.scratch, { recursive: true, force: true });
  }
}
