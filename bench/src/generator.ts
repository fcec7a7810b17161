/**
 * The load generator, in its own process (started by the runner). It holds every client of a
 * run, sends on an open-loop schedule, and measures sender-to-receiver latency with its own
 * clock at both ends. It also watches itself: its CPU, how late it sent against its schedule,
 * its event-loop delay, and how much of what it sent was delivered, so a run that measured
 * the generator rather than the server can be flagged.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { getNotesMap, initBoard } from '@concerto/board';
import { LeanClient } from './client/leanClient.js';
import type { Sink } from './client/leanClient.js';
import type { RoomTarget } from './client/protocol.js';
import { cursorsInAwareness, FrameCache, measuringIndices, movesInUpdate, stampNow } from './client/samples.js';
import { serve } from './proc.js';
import { SampleBuffer, summarize } from './stats.js';
import type { LatencySummary } from './stats.js';

export type LoadMode = 'moves' | 'cursors';

export interface WindowResult {
  mode: LoadMode;
  clients: number;
  ratePerClient: number;
  windowMs: number;
  sent: number;
  expected: number;
  /** messages that arrived (each counted once per receiver) */
  delivered: number;
  /** cursors only: superseded by a newer cursor of the same client before being relayed */
  coalesced: number;
  /** (delivered + coalesced) / expected */
  deliveredRatio: number;
  deliveriesPerSec: number;
  latency: LatencySummary;
  /** clients spread over several instances: latency from a sender to receivers on another instance */
  crossLatency: LatencySummary | null;
  /** generator's own CPU over the window, % of one core */
  generatorCpuPct: number;
  /** how late sends left against the schedule, ms */
  lag: { p99: number; max: number };
  generatorEld: { p99: number; max: number };
  /** time waited after the window for the last deliveries */
  drainMs: number;
  framesReceived: number;
  /** clients whose received moves and cursors are timed and counted (the others only read frames) */
  measuringClients: number;
  decodeCache: { hits: number; misses: number };
}

const noteId = (client: LeanClient) => `n${client.clientId}`;

class Generator {
  clients: LeanClient[] = [];
  /** clients ordered so that consecutive sends go to different rooms */
  private order: LeanClient[] = [];
  private roomOf = new Map<LeanClient, number>();
  private roomSizes: number[] = [];
  /** per sender: the measuring receivers of its room other than itself (what one send is expected to reach) */
  private receiversOf = new Map<LeanClient, number>();
  private expectedInWindow = 0;
  private cache = new FrameCache();
  private latencies = new SampleBuffer(1 << 16);
  private crossLatencies = new SampleBuffer(1 << 16);
  /** Yjs client id -> the instance its client is connected to (cluster scenario only) */
  private instanceOf = new Map<number, number>();
  private lags = new SampleBuffer(1 << 12);
  private recording = false;
  private windowStart = Infinity;
  private delivered = 0;
  private sentInWindow: number[] = [];
  private windowOpen = false;
  private timer: NodeJS.Timeout | null = null;
  private mode: LoadMode = 'moves';
  private rate = 0;
  private seq = new Map<LeanClient, number>();
  /** cursors: each client's sequence number when the window opened, by Yjs client id */
  private seqAtStart = new Map<number, number>();
  /** cursors: per receiver, the last sequence seen from each sender */
  private lastSeen = new Map<LeanClient, Map<number, number>>();
  private coalesced = 0;
  private cpuAtStart = process.cpuUsage();
  private eld = monitorEventLoopDelay({ resolution: 2 });
  private framesAtStart = 0;

  readonly sink: Sink = {
    update: (client, frame, payload, receivedAt) => {
      if (!this.recording || this.mode !== 'moves') return;
      this.record(client, this.cache.get(frame, () => movesInUpdate(payload)), receivedAt);
    },
    awareness: (client, frame, payload, receivedAt) => {
      if (!this.recording || this.mode !== 'cursors') return;
      this.recordCursors(client, this.cache.get(frame, () => cursorsInAwareness(payload)), receivedAt);
    },
  };

  private record(client: LeanClient, pairs: number[], receivedAt: number): void {
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === client.clientId) continue;
      const sentAt = pairs[i + 1]!;
      if (sentAt < this.windowStart) continue;
      this.latencies.push(receivedAt - sentAt);
      this.delivered += 1;
      if (this.instanceOf.size > 0 && this.instanceOf.get(pairs[i]!) !== this.instanceOf.get(client.clientId)) this.crossLatencies.push(receivedAt - sentAt);
    }
  }

  /**
   * Cursors are states, not events: a server may relay only the latest state of a client per
   * window (Concerto does), so a cursor that a newer one of the same client superseded before
   * it was relayed counts as delivered ("coalesced"), not lost. Latency is only taken from the
   * cursors that arrived.
   */
  private recordCursors(client: LeanClient, triples: number[], receivedAt: number): void {
    let last = this.lastSeen.get(client);
    if (last === undefined) this.lastSeen.set(client, (last = new Map()));
    for (let i = 0; i < triples.length; i += 3) {
      const sender = triples[i]!;
      if (sender === client.clientId) continue;
      const sentAt = triples[i + 1]!;
      const seq = triples[i + 2]!;
      if (sentAt < this.windowStart) continue;
      const previous = last.get(sender) ?? this.seqAtStart.get(sender) ?? seq - 1;
      if (seq <= previous) continue;
      this.latencies.push(receivedAt - sentAt);
      this.delivered += 1;
      this.coalesced += seq - previous - 1;
      last.set(sender, seq);
    }
  }

  /**
   * `instanceTargets` (cluster scenario): per room, the same room reached through each instance;
   * client i of a room connects to instance i mod n, so a room's clients are split evenly.
   */
  async connect(args: {
    rooms: RoomTarget[];
    instanceTargets?: RoomTarget[][];
    clientsPerRoom: number;
    clientIdBase: number;
    notes: boolean;
    concurrency?: number;
    /** receivers per room that time and count what they get (default: all) */
    measuringPerRoom?: number;
  }): Promise<{ clients: number; connectMs: number }> {
    const started = performance.now();
    const created: LeanClient[][] = args.rooms.map(() => []);
    const jobs: (() => Promise<void>)[] = [];
    let id = args.clientIdBase;
    const measuring = measuringIndices(args.clientsPerRoom, args.measuringPerRoom ?? args.clientsPerRoom);
    args.rooms.forEach((target, r) => {
      for (let i = 0; i < args.clientsPerRoom; i++) {
        const instances = args.instanceTargets?.[r];
        const instance = instances ? i % instances.length : 0;
        if (instances) this.instanceOf.set(id, instance);
        const client = new LeanClient({ target: instances ? instances[instance]! : target, clientId: id++, index: i, sink: this.sink, measure: measuring.has(i) });
        this.receiversOf.set(client, measuring.size - (measuring.has(i) ? 1 : 0));
        created[r]!.push(client);
        this.roomOf.set(client, this.roomSizes.length + r);
        jobs.push(() => client.connect());
      }
    });
    await runLimited(jobs, args.concurrency ?? 64);
    const firstRoom = this.roomSizes.length;
    for (const room of created) this.roomSizes.push(room.length);
    for (let i = 0; i < args.clientsPerRoom; i++) for (const room of created) this.order.push(room[i]!);
    for (const room of created) this.clients.push(...room);
    if (args.notes) {
      for (const room of created) for (const client of room) client.createNote(noteId(client), 100, 100, 'bench');
      await sleep(300);
    }
    void firstRoom;
    this.eld.enable();
    return { clients: this.clients.length, connectMs: performance.now() - started };
  }

  /** starts (or restarts at a new rate) the open-loop schedule */
  load(args: { mode: LoadMode; ratePerClient: number }): void {
    this.stopSchedule();
    this.mode = args.mode;
    this.rate = args.ratePerClient;
    const n = this.order.length;
    if (n === 0 || this.rate <= 0) return;
    const interval = 1000 / (n * this.rate);
    const t0 = performance.now() + 5;
    let k = 0;
    const tick = () => {
      const now = performance.now();
      while (t0 + k * interval <= now) {
        const due = t0 + k * interval;
        const client = this.order[k % n]!;
        this.act(client);
        if (this.windowOpen) {
          this.sentInWindow[this.roomOf.get(client)!]! += 1;
          this.expectedInWindow += this.receiversOf.get(client)!;
          this.lags.push(performance.now() - due);
        }
        k += 1;
      }
      this.timer = setTimeout(tick, Math.max(0, t0 + k * interval - performance.now()));
    };
    this.timer = setTimeout(tick, 5);
  }

  private act(client: LeanClient): void {
    const seq = (this.seq.get(client) ?? 0) + 1;
    this.seq.set(client, seq);
    if (this.mode === 'moves') client.move(noteId(client), stampNow(), seq);
    else client.cursor(stampNow(), seq);
  }

  private stopSchedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  windowStartNow(): void {
    this.latencies.clear();
    this.crossLatencies.clear();
    this.lags.clear();
    this.delivered = 0;
    this.coalesced = 0;
    this.lastSeen.clear();
    this.seqAtStart = new Map(this.clients.map((c) => [c.clientId, this.seq.get(c) ?? 0]));
    this.sentInWindow = this.roomSizes.map(() => 0);
    this.expectedInWindow = 0;
    this.cache = new FrameCache();
    this.windowStart = performance.now();
    this.windowOpen = true;
    this.recording = true;
    this.cpuAtStart = process.cpuUsage();
    this.eld.reset();
    this.framesAtStart = this.framesReceived();
  }

  private framesReceived(): number {
    let frames = 0;
    for (const c of this.clients) frames += c.frames;
    return frames;
  }

  /** stops sending, waits for the window's deliveries (up to drainMs), and reports */
  async windowEnd(args: { drainMs?: number; keepSending?: boolean }): Promise<WindowResult> {
    const end = performance.now();
    const cpu = process.cpuUsage(this.cpuAtStart);
    const eldP99 = this.eld.percentile(99) / 1e6 - 2;
    const eldMax = this.eld.max / 1e6 - 2;
    this.windowOpen = false;
    if (args.keepSending !== true) this.stopSchedule();
    const windowMs = end - this.windowStart;
    let sent = 0;
    for (const count of this.sentInWindow) sent += count;
    const expected = this.expectedInWindow;
    const drainUntil = performance.now() + (args.drainMs ?? 3_000);
    while (this.delivered + this.coalesced < expected && performance.now() < drainUntil) await sleep(20);
    const drainMs = performance.now() - end;
    this.recording = false;
    const lags = this.lags.values().sort();
    const result: WindowResult = {
      mode: this.mode,
      clients: this.clients.length,
      ratePerClient: this.rate,
      windowMs,
      sent,
      expected,
      delivered: this.delivered,
      coalesced: this.coalesced,
      deliveredRatio: expected === 0 ? 1 : (this.delivered + this.coalesced) / expected,
      deliveriesPerSec: (this.delivered / windowMs) * 1000,
      latency: summarize(this.latencies.values()),
      crossLatency: this.instanceOf.size > 0 ? summarize(this.crossLatencies.values()) : null,
      generatorCpuPct: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
      lag: { p99: lags.length ? lags[Math.min(lags.length - 1, Math.ceil(lags.length * 0.99) - 1)]! : 0, max: lags.length ? lags[lags.length - 1]! : 0 },
      generatorEld: { p99: Math.max(0, eldP99), max: Math.max(0, eldMax) },
      drainMs,
      framesReceived: this.framesReceived() - this.framesAtStart,
      measuringClients: this.clients.filter((c) => c.measures).length,
      decodeCache: { hits: this.cache.hits, misses: this.cache.misses },
    };
    return result;
  }

  async closeAll(): Promise<void> {
    this.stopSchedule();
    const clients = this.clients;
    this.clients = [];
    this.order = [];
    this.roomOf.clear();
    this.receiversOf.clear();
    this.instanceOf.clear();
    this.roomSizes = [];
    this.seq.clear();
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** Writes `notes` notes, one transaction each, and waits until the server has them all. */
async function seed(args: { target: RoomTarget; notes: number; clientId: number; board?: { groupId: string; name: string } }): Promise<{ updateBytes: number; ms: number }> {
  const started = performance.now();
  const client = new LeanClient({ target: args.target, clientId: args.clientId, index: 0, keepDoc: true });
  await client.connect();
  let updateBytes = 0;
  client.doc.on('update', (u: Uint8Array) => (updateBytes += u.length));
  if (args.board && getNotesMap(client.doc).size === 0) initBoard(client.doc, args.board);
  for (let i = 0; i < args.notes; i++) {
    client.createNote(`s${i}`, (i % 50) * 220, Math.floor(i / 50) * 160, `Idée ${i} : accompagner les usagers vers les démarches en ligne`);
    if (i % 100 === 99) await sleep(1);
  }
  await roundTrip(client);
  await client.close();
  return { updateBytes, ms: performance.now() - started };
}

/**
 * Waits until a fresh client sees everything `client` wrote: the server has then applied it
 * (and Concerto stored it: it relays nothing before that).
 */
async function roundTrip(client: LeanClient): Promise<void> {
  const probe = new LeanClient({ target: client.target, clientId: client.clientId + 1_000_000, index: 0, keepDoc: true });
  const expected = Y.getState(client.doc.store, client.clientId);
  await probe.connect();
  await Promise.race([probe.until(() => Y.getState(probe.doc.store, client.clientId) >= expected), sleep(30_000)]);
  await probe.close();
}

const loaded: LeanClient[] = [];

/** A new client: time from opening the socket until its document has every note. */
async function coldLoad(args: { target: RoomTarget; expectedNotes: number; clientId: number; timeoutMs?: number }): Promise<{ ms: number; receivedMs: number; applyMs: number; notes: number; bytes: number }> {
  const client = new LeanClient({ target: args.target, clientId: args.clientId, index: 0, keepDoc: true });
  const started = performance.now();
  await client.connect();
  await Promise.race([client.until(() => getNotesMap(client.doc).size >= args.expectedNotes), sleep(args.timeoutMs ?? 30_000)]);
  const ms = performance.now() - started;
  loaded.push(client);
  // the client's own work (integrating the state into its Y.Doc) is measured apart
  return { ms, receivedMs: ms - client.applyMs, applyMs: client.applyMs, notes: getNotesMap(client.doc).size, bytes: client.bytes };
}

/**
 * A drag as the canvas makes it: the drag position travels through awareness at 60 Hz
 * (not stored), then one document write on drop. With `writeEveryFrame`, the anti-pattern
 * instead: a moveNote per frame. Returns what was sent of each kind.
 */
async function gesture(args: { target: RoomTarget; clientId: number; noteId: string; frames: number; writeEveryFrame?: boolean }): Promise<{ dropUpdateBytes: number; awarenessBytes: number; writes: number }> {
  const client = new LeanClient({ target: args.target, clientId: args.clientId, index: 0, keepDoc: true });
  await client.connect();
  await client.until(() => getNotesMap(client.doc).get(args.noteId) !== undefined);
  let dropUpdateBytes = 0;
  let writes = 0;
  client.doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== null && origin !== undefined) return;
    dropUpdateBytes += u.length;
    writes += 1;
  });
  let awarenessBytes = 0;
  for (let f = 1; f <= args.frames; f++) {
    const x = 100 + f * 3;
    const y = 100 + f * 2;
    if (args.writeEveryFrame) {
      client.move(args.noteId, x, y);
    } else {
      const frame = client.framer.awareness(client.clientId, f, `{"user":{"name":"bench","color":"#f2c94c"},"drag":{"noteId":"${args.noteId}","x":${x},"y":${y}}}`);
      awarenessBytes += frame.length;
      client.send(frame);
    }
    await sleep(1000 / 60);
  }
  if (!args.writeEveryFrame) {
    client.move(args.noteId, 100 + args.frames * 3 + 1, 100 + args.frames * 2 + 1);
    client.send(client.framer.awareness(client.clientId, args.frames + 1, '{"user":{"name":"bench","color":"#f2c94c"}}'));
  }
  await roundTrip(client);
  await client.close();
  return { dropUpdateBytes, awarenessBytes, writes };
}

/**
 * Remote changes for a watching browser: `clients` full clients each moving random seeded
 * notes (`s0`…) `ratePerClient` times a second for `durationMs`.
 */
async function burst(args: { target: RoomTarget; clients: number; ratePerClient: number; durationMs: number; notes: number }): Promise<{ moves: number }> {
  const clients = Array.from({ length: args.clients }, (_, i) => new LeanClient({ target: args.target, clientId: 70_000 + i, index: i, keepDoc: true }));
  await Promise.all(clients.map((c) => c.connect()));
  let moves = 0;
  const until = performance.now() + args.durationMs;
  const interval = 1000 / (args.clients * args.ratePerClient);
  while (performance.now() < until) {
    const client = clients[moves % clients.length]!;
    const k = Math.floor(Math.random() * args.notes);
    client.move(`s${k}`, Math.round(Math.random() * 4000), Math.round(Math.random() * 3000));
    moves += 1;
    await sleep(interval);
  }
  await Promise.all(clients.map((c) => c.close()));
  return { moves };
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const generator = new Generator();
serve({
  connect: (args) => generator.connect(args),
  load: (args) => generator.load(args),
  windowStart: () => generator.windowStartNow(),
  windowEnd: (args) => generator.windowEnd(args ?? {}),
  closeAll: async () => {
    await generator.closeAll();
    await Promise.all(loaded.splice(0).map((c) => c.close()));
  },
  seed: (args) => seed(args),
  coldLoad: (args) => coldLoad(args),
  gesture: (args) => gesture(args),
  burst: (args) => burst(args),
  cpu: () => process.cpuUsage(),
  stop: async () => {
    await generator.closeAll();
    setTimeout(() => process.exit(0), 20);
  },
});
process.send?.({ id: 0, ok: true, result: { ready: true } });
