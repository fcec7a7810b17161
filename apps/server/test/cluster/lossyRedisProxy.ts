/**
 * A TCP proxy in front of Redis that can lose pub/sub deliveries on purpose: it parses the
 * server-to-client RESP stream frame by frame and, when armed, swallows the next `message`
 * push for a matching channel. Everything else passes byte for byte. This is how a test loses
 * exactly one published batch without touching the server or Redis.
 */
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';

export interface LossyRedisProxy {
  url: string;
  /** swallows the next `count` deliveries on a channel containing `channelPart`; resolves once done */
  dropNext(channelPart: string, count?: number): Promise<void>;
  dropped: number;
  close(): Promise<void>;
}

export async function startLossyRedisProxy(redisPort: number): Promise<LossyRedisProxy> {
  const sockets = new Set<Socket>();
  let armed: { part: string; left: number; done(): void } | null = null;
  const proxy: LossyRedisProxy = {
    url: '',
    dropped: 0,
    dropNext(part, count = 1) {
      return new Promise((resolve) => {
        armed = { part, left: count, done: resolve };
      });
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: redisPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    let pending: Buffer = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let at = 0;
      const out: Buffer[] = [];
      for (;;) {
        const end = frameEnd(pending, at);
        if (end === -1) break;
        const frame = pending.subarray(at, end);
        if (!shouldDrop(frame)) out.push(frame);
        at = end;
      }
      pending = pending.subarray(at);
      if (out.length > 0) client.write(Buffer.concat(out));
    });
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
  });

  const shouldDrop = (frame: Buffer): boolean => {
    if (armed === null || (frame[0] !== 0x2a && frame[0] !== 0x3e)) return false; // '*' or '>'
    const head = frame.subarray(0, 512).toString('latin1');
    if (!/^[*>]3\r\n\$7\r\nmessage\r\n/.test(head) || !head.includes(armed.part)) return false;
    proxy.dropped += 1;
    armed.left -= 1;
    if (armed.left === 0) {
      const { done } = armed;
      armed = null;
      done();
    }
    return true;
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  proxy.url = `redis://127.0.0.1:${port}`;
  return proxy;
}

/** the offset just past the RESP frame starting at `at`, or -1 when it is not complete yet */
function frameEnd(buf: Buffer, at: number): number {
  if (at >= buf.length) return -1;
  const lineEnd = buf.indexOf('\r\n', at);
  if (lineEnd === -1) return -1;
  const type = String.fromCharCode(buf[at]!);
  const n = Number(buf.subarray(at + 1, lineEnd).toString('latin1'));
  switch (type) {
    case '+':
    case '-':
    case ':':
    case '_':
    case ',':
    case '#':
      return lineEnd + 2;
    case '$':
    case '=':
    case '!': {
      if (n < 0) return lineEnd + 2;
      const end = lineEnd + 2 + n + 2;
      return end <= buf.length ? end : -1;
    }
    case '*':
    case '>':
    case '~':
    case '%': {
      if (n < 0) return lineEnd + 2;
      let next = lineEnd + 2;
      const items = type === '%' ? n * 2 : n;
      for (let i = 0; i < items; i++) {
        next = frameEnd(buf, next);
        if (next === -1) return -1;
      }
      return next;
    }
    default:
      throw new Error(`RESP type ${type} not understood`);
  }
}
