import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '@concerto/contract';
import { wsPeer } from './wsPeer.js';

/** the part of a `ws` socket the peer uses, with a queue the test sets */
function fakeSocket() {
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    sent: [] as Uint8Array[],
    closed: null as number | null,
    writable: true,
    write(frame: Uint8Array) {
      socket.sent.push(frame);
      return true;
    },
    close(code: number) {
      socket.closed = code;
      socket.readyState = 2;
    },
    terminate() {
      socket.readyState = 3;
    },
  };
  return socket;
}

describe('wsPeer', () => {
  it('R28 stops sending to a socket whose queue is past the cap and closes it with 1013, once; one big message alone passes', () => {
    const socket = fakeSocket();
    const slow: number[] = [];
    const sent: number[] = [];
    const peer = wsPeer(socket as unknown as WebSocket, socket, { maxBufferedBytes: 1000, onSlow: (q) => slow.push(q), onSent: (b) => sent.push(b) });
    peer.send(new Uint8Array(5000)); // bigger than the cap, but nothing was queued: sent
    socket.bufferedAmount = 1000;
    peer.send(new Uint8Array(10)); // at the cap: still sent
    socket.bufferedAmount = 1001;
    peer.send(new Uint8Array(10));
    peer.send(new Uint8Array(10));
    expect(sent).toEqual([5000, 10]);
    expect(socket.sent).toHaveLength(2);
    expect(socket.closed).toBe(CloseCode.tryAgainLater);
    expect(slow).toEqual([1001]);
  });

  it('frames each message once for every receiver: a real ws client reads small, 16-bit and 64-bit lengths intact, in order after a ping', async () => {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const http = createServer();
    const messages = [new Uint8Array([0, 1, 2]), new Uint8Array(300).fill(7), new Uint8Array(70_000).fill(9)];
    http.on('upgrade', (request, socket, head) => {
      wss.handleUpgrade(request, socket, head, (ws) => {
        const peer = wsPeer(ws, socket, { maxBufferedBytes: 1 << 20 });
        ws.ping();
        for (const message of messages) peer.send(message);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    try {
      const received = await new Promise<Buffer[]>((resolve, reject) => {
        const got: Buffer[] = [];
        client.on('error', reject);
        client.on('message', (data: Buffer, isBinary) => {
          expect(isBinary).toBe(true);
          got.push(data);
          if (got.length === messages.length) resolve(got);
        });
      });
      expect(received.map((b) => new Uint8Array(b))).toEqual(messages);
    } finally {
      client.terminate();
      wss.close();
      http.close();
    }
  });
});
