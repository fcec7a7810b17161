/**
 * The lean client: one websocket, one small Y.Doc holding what this client writes, and the
 * board API (`moveNote`, `createNote`) to write it, exactly as the canvas does. It does not
 * integrate what others write unless asked (`keepDoc`): receivers only read the frames they
 * get (the `Sink` does, with one decode per distinct frame), which lets one generator process
 * drive hundreds of clients. Identical for every server; only the framing adapter differs.
 */
import WebSocket from 'ws';
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

const REMOTE = Symbol('remote');

/** What receives the document updates and awareness frames a client gets. */
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
}

export class LeanClient {
  readonly doc: Y.Doc;
  readonly framer: Framer;
  readonly clientId: number;
  readonly index: number;
  readonly target: RoomTarget;
  ws: WebSocket | null = null;
  synced = false;
  closeCode: number | null = null;
  /** frames and bytes received */
  frames = 0;
  bytes = 0;
  /** time spent integrating received updates into `doc` (keepDoc clients), ms */
  applyMs = 0;
  private awarenessClock = 0;
  private readonly keepDoc: boolean;
  private readonly sink: Sink | undefined;
  private onSynced: (() => void) | null = null;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(options: ClientOptions) {
    this.target = options.target;
    this.framer = new Framer(options.target);
    this.clientId = options.clientId;
    this.index = options.index;
    this.keepDoc = options.keepDoc === true;
    this.sink = options.sink;
    this.doc = new Y.Doc();
    this.doc.clientID = options.clientId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(this.framer.sync(SYNC_UPDATE, update));
    });
  }

  /** Opens the socket and resolves once the server's sync step 2 arrived. */
  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.target.url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error(`${this.target.name}: no sync within ${timeoutMs} ms`)), timeoutMs);
      this.onSynced = () => {
        clearTimeout(timer);
        resolve();
      };
      ws.on('open', () => {
        if (this.target.framing === 'hocuspocus') this.send(this.framer.auth(''));
        this.send(this.framer.sync(SYNC_STEP1, Y.encodeStateVector(this.doc)));
      });
      ws.on('message', (data: Buffer) => this.receive(data));
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('close', (code) => {
        this.closeCode = code;
        clearTimeout(timer);
        if (!this.synced) reject(new Error(`${this.target.name}: closed ${code} before sync`));
      });
    });
  }

  send(frame: Uint8Array): void {
    if (this.ws !== null && this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /**
   * Reads the frame header by hand (types and kinds are one-byte varUints): no decoder object
   * and no payload copy on the hot path, where most frames are relayed updates whose payload
   * only the sink's cache needs, on a miss.
   */
  private receive(frame: Buffer): void {
    const receivedAt = performance.now();
    this.frames += 1;
    this.bytes += frame.length;
    let at = this.framer.prefixLength(frame);
    const type = frame[at++];
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
          this.onSynced?.();
        }
        this.checkWaiters();
      }
    } else if (type === MSG_AWARENESS) {
      const { value: length, next } = readVarUintAt(frame, at);
      this.sink?.awareness(this, frame, frame.subarray(next, next + length), receivedAt);
    } else if (type === MSG_AUTH) {
      // Hocuspocus: [0 token | 1 permission denied | 2 authenticated][...]
      if (frame[at] === 1) this.ws?.close();
    }
  }

  private apply(update: Uint8Array): void {
    const t = performance.now();
    Y.applyUpdate(this.doc, update, REMOTE);
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
    const ws = this.ws;
    this.doc.destroy();
    if (ws === null || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2_000).unref();
    });
  }
}
