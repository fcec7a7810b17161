/**
 * The generator's websocket client against a real `ws` server (the library the three servers
 * under test use): frames of every length encoding, frames cut across reads and many in one
 * read, fragmented messages, pings, close codes, and lazy reading.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { Wire } from './wire.js';

let wss: WebSocketServer;
let url: string;
const connections: WebSocket[] = [];
const serverGot: Buffer[] = [];
const pongs: Buffer[] = [];
const closes: number[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/room?token=x`;
  wss.on('connection', (ws) => {
    connections.push(ws);
    ws.on('message', (data: Buffer) => serverGot.push(data));
    ws.on('pong', (data: Buffer) => pongs.push(data));
    ws.on('close', (code) => closes.push(code));
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

function open(lazy = false): Promise<{ wire: Wire; messages: Buffer[]; server: WebSocket }> {
  const messages: Buffer[] = [];
  const before = connections.length;
  const wire = new Wire(url, { message: (buffer, start, end) => messages.push(Buffer.from(buffer.subarray(start, end))) });
  return wire.open().then(async () => {
    wire.lazy = lazy;
    while (connections.length === before) await sleep(5);
    return { wire, messages, server: connections[connections.length - 1]! };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

function pattern(length: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

describe('Wire: the generator websocket client', () => {
  it('receives every length encoding, many frames per read and frames cut across reads, in order and intact', async () => {
    const { wire, messages, server } = await open();
    const sent = [pattern(0, 1), pattern(125, 2), pattern(126, 3), pattern(65_535, 4), pattern(65_536, 5), pattern(700_000, 6)];
    for (let i = 0; i < 2_000; i++) sent.push(pattern(20 + (i % 90), i));
    for (const m of sent) server.send(m);
    await until(() => messages.length === sent.length);
    expect(messages.map((m) => m.length)).toEqual(sent.map((m) => m.length));
    messages.forEach((m, i) => expect(m.equals(sent[i]!)).toBe(true));
    wire.close();
    await wire.whenClosed();
  });

  it('sends frames the server reads as they were written (all-zero masking key)', async () => {
    const { wire } = await open();
    const before = serverGot.length;
    const sent = [pattern(3, 7), pattern(300, 8), pattern(70_000, 9)];
    for (const m of sent) wire.send(m);
    await until(() => serverGot.length === before + sent.length);
    serverGot.slice(before).forEach((m, i) => expect(m.equals(sent[i]!)).toBe(true));
    wire.close();
    await wire.whenClosed();
  });

  it('reassembles a fragmented message and answers a ping with its payload', async () => {
    const { wire, messages, server } = await open();
    server.send(pattern(10, 1), { fin: false });
    server.ping(Buffer.from('are you there'));
    server.send(pattern(20, 2), { fin: false });
    server.send(pattern(30, 3), { fin: true });
    await until(() => messages.length === 1 && pongs.length > 0);
    expect(messages[0]!.equals(Buffer.concat([pattern(10, 1), pattern(20, 2), pattern(30, 3)]))).toBe(true);
    expect(pongs.at(-1)!.toString()).toBe('are you there');
    wire.close();
    await wire.whenClosed();
  });

  it('closes with the code each side gives', async () => {
    const first = await open();
    const before = closes.length;
    first.wire.close(4000);
    await first.wire.whenClosed();
    await until(() => closes.length === before + 1);
    expect(closes.at(-1)).toBe(4000);
    const second = await open();
    second.server.close(4321);
    await second.wire.whenClosed();
    expect(second.wire.closeCode).toBe(4321);
    expect(second.wire.state).toBe('closed');
  });

  it('a lazy reader still gets everything, in fewer reads', async () => {
    const lazy = await open(true);
    const eager = await open(false);
    const sent: Buffer[] = [];
    for (let i = 0; i < 60; i++) {
      sent.push(pattern(40, i));
      lazy.server.send(sent.at(-1)!);
      eager.server.send(sent.at(-1)!);
      await sleep(5);
    }
    await until(() => lazy.messages.length === sent.length && eager.messages.length === sent.length);
    lazy.messages.forEach((m, i) => expect(m.equals(sent[i]!)).toBe(true));
    // one read per LAZY_READ_MS at most, against about one per frame
    expect(lazy.wire.reads * 3).toBeLessThan(eager.wire.reads);
    for (const { wire } of [lazy, eager]) {
      wire.close();
      await wire.whenClosed();
    }
  });

  it('rejects a refused upgrade', async () => {
    const wire = new Wire(url.replace(/:\d+\//, ':1/'), { message: () => undefined });
    await expect(wire.open()).rejects.toThrow();
  });
});
