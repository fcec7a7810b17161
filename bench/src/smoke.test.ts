/**
 * The harness must not rot: a few seconds of the real thing (server wrappers and the
 * generator in their own processes, the lean client, the stats) against Concerto and one
 * reference. Needs the built bench (`npm test` builds first).
 */
import { describe, expect, it } from 'vitest';
import { loadRun } from './scenarios/load.js';
import { memoryOne } from './scenarios/memory.js';

const spec = { rooms: 2, clientsPerRoom: 3, ratePerClient: 5, warmupMs: 300, windowMs: 1_000, drainMs: 2_000 };

describe('bench harness smoke run (2 rooms × 3 clients × 1 s)', () => {
  for (const server of ['concerto', 'yws'] as const) {
    it(`moves against ${server}: every move delivered to the other clients, latency and CPU measured`, async () => {
      const run = await loadRun(server, { ...spec, mode: 'moves' });
      const g = run.generator;
      expect(g.sent).toBeGreaterThan(0);
      expect(g.expected).toBe(g.sent * 2);
      expect(g.delivered).toBe(g.expected);
      expect(g.latency.count).toBe(g.delivered);
      expect(g.latency.p50).toBeGreaterThan(0);
      expect(g.latency.p99).toBeLessThan(2_000);
      expect(run.server_.cpuPerMessageUs).toBeGreaterThan(0);
      expect(run.server_.rssMB).toBeGreaterThan(10);
    });
  }

  it('moves against yws with 2 measuring receivers of 5 per room: deliveries counted on those, every frame read by all', async () => {
    const run = await loadRun('yws', { ...spec, clientsPerRoom: 5, mode: 'moves', measuringPerRoom: 2 });
    const g = run.generator;
    expect(g.measuringClients).toBe(2 * 2);
    // a measuring sender reaches the other measuring receiver, the others reach both
    expect(g.expected).toBeGreaterThan(g.sent);
    expect(g.expected).toBeLessThan(g.sent * 2);
    expect(g.delivered).toBe(g.expected);
    expect(g.latency.count).toBe(g.delivered);
    // @y/websocket-server sends each update to each of the 4 other clients in a frame of its own:
    // the 3 that do not measure read theirs too (margin: frames in flight at the window's ends)
    expect(g.framesReceived).toBeGreaterThan(g.sent * 3);
  });

  it('cursors against Concerto: awareness relayed and timed', async () => {
    const run = await loadRun('concerto', { ...spec, mode: 'cursors' });
    expect(run.generator.sent).toBeGreaterThan(0);
    // a cursor may be coalesced with the same client's next one in a flush window: it then
    // counts as delivered (superseded), never twice
    expect(run.generator.delivered).toBeGreaterThan(0);
    expect(run.generator.delivered + run.generator.coalesced).toBe(run.generator.expected);
  });

  it('memory: Concerto unloads every room once its clients left', async () => {
    const result = await memoryOne('concerto', 3, 1_000);
    expect(result.error).toBeUndefined();
    expect(result.roomsWhileConnected).toBe(3);
    expect(result.roomsAfterLeave).toBe(0);
  });
});
