/**
 * Issue 10 items 5 and 6 on a real process: awareness limits (200 ids in one message, a 500 KB
 * state, 100 updates/s from one client) and the log amplification of standard y-websocket
 * clients echoing each other's awareness (30 people joining one room).
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { encodeAwarenessUpdate, decodeAwarenessUpdate } from '../../src/awareness.js';
import type { AwarenessEntry } from '../../src/awareness.js';
import { encodeAwareness } from '../../src/protocol.js';
import { createSession, figure, metric, sleep, startServerProcess, openSocket } from './hardeningKit.js';
import type { ServerProcess } from './hardeningKit.js';

/** the awareness entries a socket receives, with their arrival time */
function watch(ws: WebSocket): { at: number; entry: AwarenessEntry }[] {
  const seen: { at: number; entry: AwarenessEntry }[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 1) return;
    for (const entry of decodeAwarenessUpdate(decoding.readVarUint8Array(decoder))) seen.push({ at: Date.now(), entry });
  });
  return seen;
}

const send = (ws: WebSocket, entries: AwarenessEntry[]) => ws.send(encodeAwareness(encodeAwarenessUpdate(entries)));

describe('awareness limits and echoes (issue 10 items 5, 6)', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('item 5: refuses 200 ids in one message and a 500 KB state; relays a client at most ~20 times/s, latest state last', async () => {
    const server = await startServerProcess({ MAX_MESSAGES_PER_SECOND: '1000', MESSAGE_BURST: '1000' });
    servers.push(server);
    const session = await createSession(server);
    const group = session.groups[0]!;
    const url = `${server.wsUrl}/${session.id}/${group.id}?token=${encodeURIComponent(group.token)}`;
    const sender = await openSocket(url);
    const observer = await openSocket(url);
    const seen = watch(observer);
    const sentBack = watch(sender);

    send(sender, Array.from({ length: 200 }, (_, i) => ({ clientId: 1000 + i, clock: 1, state: '{}' })));
    send(sender, [{ clientId: 7, clock: 1, state: JSON.stringify({ user: 'x'.repeat(500_000) }) }]);
    // 100 updates/s for 3 s from one client id
    const started = Date.now();
    for (let clock = 2; clock <= 301; clock++) {
      send(sender, [{ clientId: 7, clock, state: JSON.stringify({ cursor: clock }) }]);
      const due = started + (clock - 1) * 10;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    await sleep(500);
    const relays = seen.filter((s) => s.entry.clientId === 7);
    const seconds = (Date.now() - 500 - started) / 1000;
    const perSecond = relays.length / seconds;
    const dropped = await metric(server, 'concerto_dropped_messages_total');
    figure(`item 5: 300 awareness updates of one client in ${seconds.toFixed(1)} s → ${relays.length} relays (${perSecond.toFixed(1)}/s), last clock ${relays.at(-1)?.entry.clock}; ids of the 200-id message relayed: ${seen.filter((s) => s.entry.clientId >= 1000).length}; 500 KB state relayed: ${relays.some((r) => r.entry.state.length > 4096)}; echoed to its sender: ${sentBack.filter((s) => s.entry.clientId === 7).length}; dropped (metric) ${dropped}`);
    expect(seen.filter((s) => s.entry.clientId >= 1000)).toEqual([]);
    expect(relays.some((r) => r.entry.state.length > 4096)).toBe(false);
    expect(perSecond).toBeLessThanOrEqual(21);
    expect(relays.at(-1)?.entry.clock).toBe(301);
    expect(sentBack.filter((s) => s.entry.clientId === 7)).toEqual([]);
    expect(await metric(server, 'concerto_dropped_messages_total', 'reason="awareness-too-many-ids"')).toBe(1);
    expect(await metric(server, 'concerto_dropped_messages_total', 'reason="awareness-too-large"')).toBe(1);
    sender.terminate();
    observer.terminate();
  }, 60_000);

  it('item 6: 30 y-websocket clients joining one room echo each other silently: no warning, the echoes counted', async () => {
    const server = await startServerProcess({ LOG_LEVEL: 'warn' });
    servers.push(server);
    const session = await createSession(server);
    const group = session.groups[0]!;
    const providers: WebsocketProvider[] = [];
    for (let i = 0; i < 30; i++) {
      const provider = new WebsocketProvider(server.wsUrl, `${session.id}/${group.id}`, new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { token: group.token },
        disableBc: true,
      });
      provider.awareness.setLocalStateField('user', { name: `Participant ${i}`, color: '#336699' });
      providers.push(provider);
      await sleep(50);
    }
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !providers.every((p) => p.awareness.getStates().size === 30)) await sleep(100);
    const everyoneSeesEveryone = providers.every((p) => p.awareness.getStates().size === 30);
    for (const p of providers) p.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await sleep(1_000);
    const echoes = await metric(server, 'concerto_dropped_messages_total', 'reason="awareness-echo"');
    const warnings = server.lines.filter((l) => l.includes('"level":40') || l.includes('does not own')).length;
    figure(`item 6: 30 y-websocket clients in one room: ${echoes} echoes dropped and counted, ${warnings} warning lines; everyone sees everyone: ${everyoneSeesEveryone}`);
    for (const p of providers) p.destroy();
    expect(everyoneSeesEveryone).toBe(true);
    expect(echoes).toBeGreaterThan(100);
    expect(warnings).toBe(0);
  }, 60_000);
});
