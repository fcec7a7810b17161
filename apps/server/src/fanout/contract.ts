/**
 * The fan-out contract: one vitest suite that every adapter passes. An adapter's test file
 * calls `fanOutContract('name', cluster)`, where `cluster()` returns a fresh, isolated group
 * whose `open()` makes instances that see each other; see README.md.
 *
 * "Nothing arrived" is never asserted after a sleep: a later event from the same publisher
 * (events of one publisher arrive in publish order, across rooms too) or a reply to the
 * event (it cannot overtake it) serves as the sentinel.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FanOut, RoomEvent, SessionEvent } from './port.js';

export interface FanOutCluster {
  open(): Promise<FanOut>;
}

/** what a subscriber saw, in arrival order */
interface Inbox {
  events: { room: string; event: RoomEvent; from: string }[];
  /** resolves once `count` events have arrived */
  waitFor(count: number): Promise<void>;
}

const WAIT_MS = 10_000;

function inbox(): Inbox & { push(room: string, event: RoomEvent, from: string): void } {
  const events: Inbox['events'] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  return {
    events,
    push(room, event, from) {
      events.push({ room, event, from });
      for (const w of waiters.filter((w) => events.length >= w.count)) w.resolve();
    },
    waitFor(count) {
      if (events.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited for ${count} events, got ${events.length}`)), WAIT_MS);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

async function listen(fanOut: FanOut, sessionId: string, rooms: string[], into = inbox()): Promise<ReturnType<typeof inbox>> {
  for (const room of rooms) await fanOut.subscribeRoom(sessionId, room, (event, from) => into.push(room, event, from));
  return into;
}

function digest(bytes: Uint8Array): string {
  return `${bytes.byteLength}:${createHash('sha256').update(bytes).digest('hex')}`;
}

function update(seq: number, ...bytes: number[]): RoomEvent {
  return { type: 'update', seq, update: Uint8Array.from(bytes) };
}

/** waits until `alive` holds exactly `ids`, as reported through onInstancesChanged */
function presence(fanOut: FanOut): { current(): ReadonlySet<string> | null; until(ids: string[]): Promise<void> } {
  let current: ReadonlySet<string> | null = null;
  fanOut.onInstancesChanged((alive) => {
    current = alive;
  });
  return {
    current: () => current,
    async until(ids) {
      await expect
        .poll(() => (current === null ? null : [...current].sort()), { timeout: WAIT_MS, interval: 50 })
        .toEqual([...ids].sort());
    },
  };
}

export function fanOutContract(name: string, cluster: () => FanOutCluster): void {
  describe(`fan-out contract: ${name}`, () => {
    const opened: FanOut[] = [];
    let group: FanOutCluster;

    async function open(n: number): Promise<FanOut[]> {
      group ??= cluster();
      const made: FanOut[] = [];
      for (let i = 0; i < n; i++) made.push(await group.open());
      opened.push(...made);
      return made;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((f) => f.close()));
      group = undefined as unknown as FanOutCluster;
    });

    it('gives each instance a distinct id and reports healthy', async () => {
      const [a, b] = await open(2);
      expect(a!.instanceId).not.toBe(b!.instanceId);
      expect(a!.health()).toEqual({ state: 'ok' });
    });

    it('delivers a room event to the other subscribers, never back to its sender', async () => {
      const [a, b, c] = await open(3);
      const s = `s-${randomBytes(3).toString('hex')}`;
      const atA = await listen(a!, s, ['groupe-1']);
      const atB = await listen(b!, s, ['groupe-1']);
      const atC = await listen(c!, s, ['groupe-1']);
      a!.publishRoom(s, 'groupe-1', update(1, 1, 2, 3));
      await Promise.all([atB.waitFor(1), atC.waitFor(1)]);
      expect(atB.events).toEqual([{ room: 'groupe-1', event: update(1, 1, 2, 3), from: a!.instanceId }]);
      expect(atC.events).toEqual(atB.events);
      // B answers after it got A's event: A receives the answer, and only the answer.
      b!.publishRoom(s, 'groupe-1', { type: 'head', seq: 1 });
      await atA.waitFor(1);
      expect(atA.events).toEqual([{ room: 'groupe-1', event: { type: 'head', seq: 1 }, from: b!.instanceId }]);
    });

    it('keeps rooms and sessions apart', async () => {
      const [a, b] = await open(2);
      const s = `s-${randomBytes(3).toString('hex')}`;
      const atB = await listen(b!, s, ['groupe-1']);
      await listen(b!, `${s}x`, ['groupe-1', 'groupe-10'], atB);
      a!.publishRoom(s, 'groupe-10', update(1, 1));
      a!.publishRoom(`${s}x`, 'groupe-2', update(1, 2));
      a!.publishRoom('other', 'groupe-1', update(1, 3));
      a!.publishRoom(s, 'groupe-1', update(7, 4)); // the sentinel: comes after the others
      await atB.waitFor(1);
      expect(atB.events).toEqual([{ room: 'groupe-1', event: update(7, 4), from: a!.instanceId }]);
    });

    it('stops delivering once unsubscribed, and keeps one handler per room', async () => {
      const [a, b] = await open(2);
      const s = `s-${randomBytes(3).toString('hex')}`;
      const first = await listen(b!, s, ['groupe-1']);
      const second = await listen(b!, s, ['groupe-1']); // replaces the first handler
      const sentinel = await listen(b!, s, ['plenary']);
      a!.publishRoom(s, 'groupe-1', update(1, 1));
      a!.publishRoom(s, 'plenary', update(1, 9));
      await sentinel.waitFor(1); // plenary was published after groupe-1
      expect(first.events).toEqual([]);
      expect(second.events.map((e) => e.room)).toEqual(['groupe-1']);

      await b!.unsubscribeRoom(s, 'groupe-1');
      a!.publishRoom(s, 'groupe-1', update(2, 2));
      a!.publishRoom(s, 'plenary', update(2, 9));
      await sentinel.waitFor(2);
      expect(second.events).toHaveLength(1);
      // Subscribing again works.
      const again = await listen(b!, s, ['groupe-1']);
      a!.publishRoom(s, 'groupe-1', update(3, 3));
      await again.waitFor(1);
      expect(again.events[0]!.event).toEqual(update(3, 3));
    });

    it('carries session events to every other instance', async () => {
      const [a, b, c] = await open(3);
      const got = new Map<FanOut, { sessionId: string; event: SessionEvent; from: string }[]>();
      for (const f of [a!, b!, c!]) {
        got.set(f, []);
        f.onSessionEvent((sessionId, event, from) => got.get(f)!.push({ sessionId, event, from }));
      }
      a!.publishSession('s1', { type: 'changed' });
      a!.publishSession('s2', { type: 'deleted' });
      const expected = [
        { sessionId: 's1', event: { type: 'changed' }, from: a!.instanceId },
        { sessionId: 's2', event: { type: 'deleted' }, from: a!.instanceId },
      ];
      await expect.poll(() => got.get(b!), { timeout: WAIT_MS }).toEqual(expected);
      await expect.poll(() => got.get(c!), { timeout: WAIT_MS }).toEqual(expected);
      // C answers after it saw both: A gets the answer and nothing of its own.
      c!.publishSession('s3', { type: 'changed' });
      await expect.poll(() => got.get(a!), { timeout: WAIT_MS }).toEqual([
        { sessionId: 's3', event: { type: 'changed' }, from: c!.instanceId },
      ]);
    });

    it('keeps bytes intact: 1 MB updates, every byte value, awareness, big seqs', async () => {
      const [a, b] = await open(2);
      const s = `s-${randomBytes(3).toString('hex')}`;
      const atB = await listen(b!, s, ['groupe-1']);
      const big = new Uint8Array(randomBytes(1024 * 1024));
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
      // A view into a larger buffer: only the viewed bytes may travel.
      const view = new Uint8Array(randomBytes(64)).subarray(8, 24);
      const sent: RoomEvent[] = [
        { type: 'update', seq: 1, update: big },
        { type: 'awareness', update: everyByte },
        { type: 'update', seq: 2 ** 40, update: view },
        { type: 'update', seq: 3, update: new Uint8Array(0) },
        { type: 'head', seq: Number.MAX_SAFE_INTEGER },
        { type: 'compacted', seq: 500, snapshotBytes: 123_456 },
      ];
      for (const e of sent) a!.publishRoom(s, 'groupe-1', e);
      await atB.waitFor(sent.length);
      const label = (e: RoomEvent): string =>
        e.type === 'head'
          ? `head ${e.seq}`
          : e.type === 'compacted'
            ? `compacted ${e.seq} ${e.snapshotBytes}`
            : `${e.type} ${e.type === 'update' ? e.seq : '-'} ${digest(e.update)}`;
      expect(atB.events.map((e) => label(e.event))).toEqual(sent.map(label));
      for (const e of atB.events) if (e.event.type === 'update' || e.event.type === 'awareness') expect(e.event.update).toBeInstanceOf(Uint8Array);
    });

    it('delivers one publisher\'s events in publish order, across rooms', async () => {
      const [a, b, c] = await open(3);
      const s = `s-${randomBytes(3).toString('hex')}`;
      const atC = await listen(c!, s, ['r1', 'r2']);
      for (let i = 1; i <= 300; i++) {
        a!.publishRoom(s, i % 3 === 0 ? 'r2' : 'r1', update(i, i % 256));
        b!.publishRoom(s, 'r1', { type: 'head', seq: i });
      }
      await atC.waitFor(600);
      const fromA = atC.events.filter((e) => e.from === a!.instanceId);
      const fromB = atC.events.filter((e) => e.from === b!.instanceId);
      expect(fromA.map((e) => (e.event.type === 'update' ? e.event.seq : -1))).toEqual([...Array(300).keys()].map((i) => i + 1));
      expect(fromA.map((e) => e.room)).toEqual([...Array(300).keys()].map((i) => ((i + 1) % 3 === 0 ? 'r2' : 'r1')));
      expect(fromB.map((e) => (e.event.type === 'head' ? e.event.seq : -1))).toEqual([...Array(300).keys()].map((i) => i + 1));
    });

    it('reports live instances, itself included, and drops a closed one', async () => {
      const [a, b] = await open(2);
      const atA = presence(a!);
      const atB = presence(b!);
      await atA.until([a!.instanceId, b!.instanceId]);
      await atB.until([a!.instanceId, b!.instanceId]);
      const [c] = await open(1);
      await atA.until([a!.instanceId, b!.instanceId, c!.instanceId]);
      await c!.close();
      await atA.until([a!.instanceId, b!.instanceId]);
      await atB.until([a!.instanceId, b!.instanceId]);
    });

    it('ignores calls after close and closes twice without error', async () => {
      const [a, b] = await open(2);
      const s = `s-${randomBytes(3).toString('hex')}`;
      const atB = await listen(b!, s, ['r']);
      await a!.close();
      expect(() => a!.publishRoom(s, 'r', update(1, 1))).not.toThrow();
      expect(() => a!.publishSession(s, { type: 'changed' })).not.toThrow();
      await a!.subscribeRoom(s, 'r', () => {});
      await a!.close();
      // b still works, and a's publishes after close never arrived before this one from a new instance.
      const [c] = await open(1);
      c!.publishRoom(s, 'r', update(5, 5));
      await atB.waitFor(1);
      expect(atB.events.map((e) => e.from)).toEqual([c!.instanceId]);
    });
  });
}
