/**
 * The lean client: one websocket (`Wire`, a bare socket), one small Y.Doc holding what this client writes, and the
 * board API (`moveNote`, `createNote`) to write it, exactly as the canvas does. It does not
 * integrate what others write unless asked (`keepDoc`): receivers only read the frames they
 * get (the `Sink` does, with one decode per distinct frame), which lets one generator process
 * drive hundreds of clients. Identical for every server; only the framing adapter differs.
 */
import * as Y from 'yjs';
import { createNote, moveNote } from '@concerto/board';
import {
  Framer,
  MSG_AWARENESS,
  MSG_AUTH,
  MSG_SYNC,
  MSG_SYNC_REPLY,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  readVarUintAt,
} from './protocol.js';
import type { RoomTarget } from './protocol.js';
import { Wire } from './wire.js';

const REMOTE = Symbol('remote');
const LAZY_READERS = process.env.BENCH_LAZY_READERS !== '0';

/**
 * What receives the document updates and awareness frames a measuring client gets. `frame`
 * and `payload` are views into the socket's read buffer: valid only during the call.
 */
export interface Sink {
  update(client: LeanClient, frame: Buffer, payload: Uint8Array, receivedAt: number): void;
  awareness(client: LeanClient, frame: Buffer, payload: Uint8Array, receivedAt: number): void;
}

export interface ClientOptions {
  target: RoomTarget;
  /** Yjs client id of this client's document (unique in the run) */
  clientId: number;
  /** index of the client in its room */
  index: number;
  /** integrate every update into `doc` (cold load, seeding); lean receivers leave it off */
  keepDoc?: boolean;
  sink?: Sink;
  /**
   * hand relayed updates and awareness to the sink (default); a client that does not measure
   * reads every frame to its end and counts it, but looks no further than its header
   */
  measure?: boolean;
}

export class LeanClient {
  readonly doc: Y.Doc;
  readonly framer: Framer;
  readonly clientId: number;
  readonly index: number;
  readonly target: RoomTarget;
  wire: Wire | null = null;
  synced = false;
  get closeCode(): number | null {
    return this.wire?.closeCode ?? null;
  }
  /** frames and bytes received */
  frames = 0;
  bytes = 0;
  /** time spent integrating received updates into `doc` (keepDoc clients), ms */
  applyMs = 0;
  private awarenessClock = 0;
  private readonly keepDoc: boolean;
  private readonly sink: Sink | undefined;
  readonly measures: boolean;
  private onSynced: (() => void) | null = null;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(options: ClientOptions) {
    this.target = options.target;
    this.framer = new Framer(options.target);
    this.clientId = options.clientId;
    this.index = options.index;
    this.keepDoc = options.keepDoc === true;
    this.sink = options.sink;
    this.measures = options.measure !== false && this.sink !== undefined;
    this.doc = new Y.Doc();
    this.doc.clientID = options.clientId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(this.framer.sync(SYNC_UPDATE, update));
    });
  }

  /** Opens the socket and resolves once the server's sync step 2 arrived. */
  async connect(timeoutMs = 30_000): Promise<void> {
    const wire = new Wire(this.target.url, { message: (buffer, start, end, receivedAt) => this.receive(buffer, start, end, receivedAt) });
    this.wire = wire;
    let timer: NodeJS.Timeout | undefined;
    const synced = new Promise<void>((resolve) => (this.onSynced = resolve));
    try {
      await Promise.race([
        (async () => {
          await wire.open();
          if (this.target.framing === 'hocuspocus') this.send(this.framer.auth(''));
          this.send(this.framer.sync(SYNC_STEP1, Y.encodeStateVector(this.doc)));
          await synced;
        })(),
        wire.whenClosed().then(() => {
          if (!this.synced) throw new Error(`${this.target.name}: closed ${wire.closeCode} before sync`);
        }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${this.target.name}: no sync within ${timeoutMs} ms`)), timeoutMs))),
      ]);
    } catch (err) {
      wire.terminate();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  send(frame: Uint8Array): void {
    this.wire?.send(frame);
  }

  /**
   * Reads the frame header by hand (types and kinds are one-byte varUints): no decoder object
   * and no payload copy on the hot path, where most frames are relayed updates whose payload
   * only the sink's cache needs, on a miss. A client that does not measure stops at the kind
   * of a relayed update or at an awareness message.
   */
  private receive(buffer: Buffer, start: number, end: number, receivedAt: number): void {
    this.frames += 1;
    this.bytes += end - start;
    const prefix = this.framer.prefixLength(buffer, start);
    const type = buffer[start + prefix];
    // the hot path: a relayed update or awareness message that this client does not measure
    if (!this.measures && !this.keepDoc && (type === MSG_AWARENESS || ((type === MSG_SYNC || type === MSG_SYNC_REPLY) && buffer[start + prefix + 1] === SYNC_UPDATE))) return;
    const frame = buffer.subarray(start, end);
    let at = prefix + 1;
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) {
      const kind = frame[at++];
      const { value: length, next } = readVarUintAt(frame, at);
      const payload = frame.subarray(next, next + length);
      if (kind === SYNC_UPDATE) {
        if (this.keepDoc) {
          this.apply(payload);
          this.checkWaiters();
        }
        this.sink?.update(this, frame, payload, receivedAt);
      } else if (kind === SYNC_STEP1) {
        this.send(this.framer.sync(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc, payload)));
      } else if (kind === SYNC_STEP2) {
        if (this.keepDoc) this.apply(payload);
        if (!this.synced) {
          this.synced = true;
          // from now on a client that measures nothing reads in batches (see Wire.lazy)
          if (this.wire !== null && !this.measures && !this.keepDoc && LAZY_READERS) this.wire.lazy = true;
          this.onSynced?.();
        }
        this.checkWaiters();
      }
    } else if (type === MSG_AWARENESS) {
      const { value: length, next } = readVarUintAt(frame, at);
      this.sink?.awareness(this, frame, frame.subarray(next, next + length), receivedAt);
    } else if (type === MSG_AUTH) {
      // Hocuspocus: [0 token | 1 permission denied | 2 authenticated][...]
      if (frame[at] === 1) this.wire?.close();
    }
  }

  private apply(view: Uint8Array): void {
    const t = performance.now();
    // a copy: the view is the read buffer's, and a document may keep parts of an update
    Y.applyUpdate(this.doc, new Uint8Array(view), REMOTE);
    this.applyMs += performance.now() - t;
  }

  private checkWaiters(): void {
    if (this.waiters.length === 0) return;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.test()) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  /** resolves when `test` holds after some received update (checked now, then per update) */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  createNote(id: string, x: number, y: number, text = ''): void {
    createNote(this.doc, { id, x, y, text, author: `bench-${this.clientId}`, createdAt: 0 });
  }

  /** one document write: the drop of a drag (x and y in one transaction) */
  move(id: string, x: number, y: number): void {
    moveNote(this.doc, id, x, y);
  }

  /** the awareness state the canvas sends while the pointer moves */
  cursor(x: number, y: number): void {
    const state = `{"user":{"name":"bench-${this.clientId}","color":"#f2c94c"},"cursor":{"x":${x},"y":${y}}}`;
    this.awarenessClock += 1;
    this.send(this.framer.awareness(this.clientId, this.awarenessClock, state));
  }

  /** the awareness state during a drag (not stored by anyone) */
  drag(noteId: string, x: number, y: number): void {
    const state = `{"user":{"name":"bench-${this.clientId}","color":"#f2c94c"},"drag":{"noteId":"${noteId}","x":${x},"y":${y}}}`;
    this.awarenessClock += 1;
    this.send(this.framer.awareness(this.clientId, this.awarenessClock, state));
  }

  close(): Promise<void> {
    const wire = this.wire;
    this.doc.destroy();
    if (wire === null || wire.state === 'closed') return Promise.resolve();
    wire.close();
    return Promise.race([
      wire.whenClosed(),
      new Promise<void>((resolve) =>
        setTimeout(() => {
          wire.terminate();
          resolve();
        }, 2_000).unref(),
      ),
    ]);
  }
}
