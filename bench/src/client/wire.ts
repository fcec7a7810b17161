/**
 * A websocket client over a bare `net.Socket`, made for the load generator's receive path.
 * One generator process holds every client of a run and, at 100 rooms × 10 clients against a
 * server that sends one frame per update per receiver, reads ~100,000 frames a second; through
 * the `ws` library each frame cost a stream write, a Buffer copy and an event (measured in
 * bench/README.md). Here:
 *
 * - every socket reads into one shared buffer (`onread`: no Buffer allocated per read, no
 *   'data' event, no stream), and a loop over the bytes of each read cuts the frames out by
 *   their headers (server frames are never masked); a message is handed on as a view into that
 *   buffer, valid only during the call. Only a frame cut by the end of a read is copied;
 * - client frames carry an all-zero masking key: masking XORs the payload with the key, so the
 *   payload goes out as it is (one small Buffer per send, one write). RFC 6455 asks a client
 *   for unpredictable keys to protect intermediaries that might misread the bytes; the servers
 *   unmask whatever the key, and there is nothing between the generator and them but loopback;
 * - pings are answered, close frames exchanged as the RFC says; no extensions, no
 *   subprotocols, no TLS (`ws://` only: the bench listens on 127.0.0.1).
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface WireHandlers {
  /**
   * a whole message (binary or text): bytes `start` to `end` of `buffer`, which is reused by
   * the next read (no view is made per message: a view is an allocation)
   */
  message(buffer: Buffer, start: number, end: number, receivedAt: number): void;
}

/** the read buffer every socket of the process shares: reads are handled one at a time */
const READ_BUFFER = Buffer.allocUnsafe(1 << 18);

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Lazy readers: a socket read once per `LAZY_READ_MS` at most (all that arrived since, in one
 * read), instead of once per frame. Everything is still read; only later and in fewer reads.
 * Each socket keeps its own phase (the first wait is a random part of the period), so the
 * reads are spread over the period instead of coming in one burst that would hold up the
 * measuring receivers' reads and the send schedule.
 */
export const LAZY_READ_MS = 100;
const LAZY_TICK_MS = 10;
let parked: { socket: Socket; due: number }[] = [];
let lazyTimer: NodeJS.Timeout | null = null;

function park(socket: Socket, due: number): void {
  parked.push({ socket, due });
  lazyTimer ??= setInterval(() => {
    const now = performance.now();
    const waiting: typeof parked = [];
    const ready: Socket[] = [];
    for (const entry of parked) {
      if (entry.due <= now) ready.push(entry.socket);
      else waiting.push(entry);
    }
    parked = waiting;
    for (const s of ready) if (!s.destroyed) s.resume();
    if (parked.length === 0) {
      clearInterval(lazyTimer!);
      lazyTimer = null;
    }
  }, LAZY_TICK_MS).unref();
}

export type WireState = 'connecting' | 'open' | 'closing' | 'closed';

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;

/** A client frame (FIN set) with an all-zero masking key: the payload is copied unchanged. */
export function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.length;
  const header = length < 126 ? 6 : length < 65_536 ? 8 : 14;
  const out = Buffer.allocUnsafe(header + length);
  out[0] = 0x80 | opcode;
  if (length < 126) {
    out[1] = 0x80 | length;
  } else if (length < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    out.writeUInt32BE(length >>> 0, 6);
  }
  out.writeUInt32BE(0, header - 4);
  out.set(payload, header);
  return out;
}

export class Wire {
  state: WireState = 'connecting';
  /** the close code the server sent (1005: none), or 1006 when the socket went without one */
  closeCode: number | null = null;
  /**
   * read at most once per LAZY_READ_MS (the socket stops reading after each read until the
   * next tick): for clients that only count what they get, where arrival times do not matter
   */
  lazy = false;
  /** reads done (each a read syscall) */
  reads = 0;
  private parkedBefore = false;
  private readonly socket: Socket;
  /** the HTTP response while the upgrade is under way */
  private handshake = '';
  private readonly key = randomBytes(16).toString('base64');
  /** bytes of a frame that a read cut, copied (grows as needed) */
  private pending: Buffer | null = null;
  private pendingLength = 0;
  /** parts of a fragmented message (servers here do not fragment; handled anyway) */
  private fragments: Buffer[] | null = null;
  private readonly opened: Promise<void>;
  private readonly closed: Promise<void>;

  constructor(
    url: string,
    private readonly handlers: WireHandlers,
  ) {
    const { host: hostHeader, hostname, port, pathname, search, protocol } = new URL(url);
    if (protocol !== 'ws:') throw new Error(`the bench's websocket client speaks ws:// only, not ${protocol}`);
    const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    let resolveOpen!: () => void;
    let rejectOpen!: (err: Error) => void;
    this.opened = new Promise((resolve, reject) => {
      resolveOpen = resolve;
      rejectOpen = reject;
    });
    this.opened.catch(() => undefined);
    this.socket = connect({
      host,
      port: Number(port || 80),
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (length: number) => {
          this.reads += 1;
          this.read(length, resolveOpen, rejectOpen);
          if (!this.lazy || this.state !== 'open') return true;
          // the first wait is a random part of the period: each socket gets its own phase
          park(this.socket, performance.now() + (this.parkedBefore ? 1 : Math.random()) * LAZY_READ_MS);
          this.parkedBefore = true;
          return false;
        },
      },
    });
    this.socket.on('connect', () => {
      this.socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${this.key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    this.closed = new Promise((resolve) => {
      this.socket.on('close', () => {
        this.state = 'closed';
        this.closeCode ??= 1006;
        rejectOpen(new Error(`closed ${this.closeCode} before the upgrade`));
        resolve();
      });
    });
    this.socket.on('error', (err) => rejectOpen(err));
  }

  /** resolves once the upgrade is done (rejects if the socket failed or closed before) */
  open(): Promise<void> {
    return this.opened;
  }

  /** resolves once the socket is closed */
  whenClosed(): Promise<void> {
    return this.closed;
  }

  send(payload: Uint8Array): void {
    if (this.state === 'open') this.socket.write(clientFrame(OP_BINARY, payload));
  }

  /** sends a close frame; the server answers with its own and closes the TCP connection */
  close(code = 1000): void {
    if (this.state === 'connecting') {
      this.socket.destroy();
      return;
    }
    if (this.state !== 'open') return;
    this.state = 'closing';
    const body = Buffer.allocUnsafe(2);
    body.writeUInt16BE(code, 0);
    this.socket.write(clientFrame(OP_CLOSE, body));
  }

  terminate(): void {
    this.socket.destroy();
  }

  private read(length: number, resolveOpen: () => void, rejectOpen: (err: Error) => void): void {
    if (this.state === 'connecting') {
      const text = READ_BUFFER.toString('latin1', 0, length);
      this.handshake += text;
      const end = this.handshake.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.handshake.slice(0, end);
      const lines = head.split('\r\n');
      const accept = lines.find((line) => line.toLowerCase().startsWith('sec-websocket-accept:'))?.slice('sec-websocket-accept:'.length).trim();
      if (!/^HTTP\/1\.1 101 /.test(lines[0]!) || accept !== createHash('sha1').update(this.key + GUID).digest('base64')) {
        rejectOpen(new Error(`websocket upgrade refused: ${head.split('\r\n')[0]}`));
        this.socket.destroy();
        return;
      }
      this.state = 'open';
      resolveOpen();
      // frames sent right behind the response, in the same read
      const rest = end + 4 - (this.handshake.length - text.length);
      this.handshake = '';
      if (rest < length) this.frames(rest, length);
      return;
    }
    this.frames(0, length);
  }

  /** cuts the frames out of bytes `from` to `to` of the read buffer, keeping (a copy of) a frame the read cut */
  private frames(from: number, to: number): void {
    let data: Buffer = READ_BUFFER;
    let at = from;
    let end = to;
    if (this.pending !== null) {
      const needed = this.pendingLength + to - from;
      if (needed > this.pending.length) {
        const grown = Buffer.allocUnsafe(Math.max(needed, this.pending.length * 2));
        this.pending.copy(grown, 0, 0, this.pendingLength);
        this.pending = grown;
      }
      READ_BUFFER.copy(this.pending, this.pendingLength, from, to);
      this.pendingLength = needed;
      data = this.pending;
      at = 0;
      end = needed;
    }
    const receivedAt = performance.now();
    while (end - at >= 2) {
      const b0 = data[at]!;
      const b1 = data[at + 1]!;
      let size = b1 & 0x7f;
      let header = 2;
      if (size === 126) {
        if (end - at < 4) break;
        size = data.readUInt16BE(at + 2);
        header = 4;
      } else if (size === 127) {
        if (end - at < 10) break;
        size = data.readUInt32BE(at + 2) * 2 ** 32 + data.readUInt32BE(at + 6);
        header = 10;
      }
      if (b1 & 0x80) {
        this.protocolError('a masked frame from the server');
        return;
      }
      if (end - at - header < size) break;
      const start = at + header;
      at = start + size;
      this.frame(b0, data, start, at, receivedAt);
      if (this.state === 'closed') return;
    }
    if (at === end) {
      this.pending = null;
      this.pendingLength = 0;
    } else if (this.pending === null) {
      this.pending = Buffer.from(data.subarray(at, end));
      this.pendingLength = end - at;
    } else {
      this.pending.copy(this.pending, 0, at, end);
      this.pendingLength = end - at;
    }
  }

  private frame(b0: number, data: Buffer, start: number, end: number, receivedAt: number): void {
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    if (opcode === OP_BINARY || opcode === OP_TEXT || opcode === OP_CONTINUATION) {
      if (fin && this.fragments === null) {
        if (opcode !== OP_CONTINUATION) this.handlers.message(data, start, end, receivedAt);
        return;
      }
      // fragments are copied: the read buffer is reused by the next read
      (this.fragments ??= []).push(Buffer.from(data.subarray(start, end)));
      if (fin) {
        const whole = Buffer.concat(this.fragments);
        this.fragments = null;
        this.handlers.message(whole, 0, whole.length, receivedAt);
      }
      return;
    }
    const payload = data.subarray(start, end);
    if (opcode === OP_PING) {
      if (this.state === 'open') this.socket.write(clientFrame(0xa, payload));
    } else if (opcode === OP_CLOSE) {
      this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      if (this.state === 'open') {
        // the answer echoes the code, then the server closes the TCP connection
        this.socket.write(clientFrame(OP_CLOSE, payload.subarray(0, 2)));
      }
      this.state = 'closing';
      this.socket.end();
    }
  }

  private protocolError(why: string): void {
    this.closeCode = 1002;
    this.socket.destroy(new Error(`websocket protocol error: ${why}`));
  }
}
