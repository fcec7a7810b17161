import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
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
    send(message: Uint8Array) {
      socket.sent.push(message);
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
    const peer = wsPeer(socket as unknown as WebSocket, { maxBufferedBytes: 1000, onSlow: (q) => slow.push(q), onSent: (b) => sent.push(b) });
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
});
