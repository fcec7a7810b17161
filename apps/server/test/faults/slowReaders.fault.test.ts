/**
 * Issue 10 item 3: five clients stop reading while a room sends ~2 MB/s. Each is closed with
 * 1013 once MAX_SEND_BUFFER_BYTES is queued to it (SPEC R28), a reading client stays, and the
 * server's RSS comes back near its baseline.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { createSession, figure, metric, rssMb, sleep, startServerProcess, openSocket } from './hardeningKit.js';
import type { ServerProcess } from './hardeningKit.js';

const SLOW_READERS = 5;
const NOTE_BYTES = 40 * 1024;
const PER_SECOND = 50; // 2 MB/s, within the rate limit below
const SECONDS = 10;

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

interface LoadResult {
  baseline: number;
  peak: number;
  after: number;
  closes: number[];
  refused: number;
  queued: number;
  readBytes: number;
  readerOpen: boolean;
}

/** a room sending ~2 MB/s for SECONDS to one reading client and `slowCount` clients that stopped reading */
async function runLoad(server: ServerProcess, slowCount: number): Promise<LoadResult> {
  const session = await createSession(server);
  const group = session.groups[0]!;
  const url = `${server.wsUrl}/${session.id}/${group.id}?token=${encodeURIComponent(group.token)}`;
  const writer = await openSocket(url);
  const reader = await openSocket(url);
  let readBytes = 0;
  reader.on('message', (data: Buffer) => (readBytes += data.length));
  const slow = await Promise.all(Array.from({ length: slowCount }, () => openSocket(url)));
  const closes: number[] = [];
  for (const ws of slow) {
    ws.on('close', (code) => closes.push(code));
    // stop reading: the kernel buffers fill, then the server's queue for this socket grows
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }
  await sleep(1_000);
  await server.collectGarbage();
  const baseline = rssMb(server.pid);

  const doc = new Y.Doc();
  const notes = doc.getMap('load');
  let peak = baseline;
  const started = Date.now();
  for (let i = 0; i < SECONDS * PER_SECOND; i++) {
    const before = Y.encodeStateVector(doc);
    notes.set('n', 'x'.repeat(NOTE_BYTES - 8) + String(i).padStart(8, '0'));
    writer.send(updateMessage(Y.encodeStateAsUpdate(doc, before)));
    const due = started + ((i + 1) * 1000) / PER_SECOND;
    if (due > Date.now()) await sleep(due - Date.now());
    if (i % PER_SECOND === 0) peak = Math.max(peak, rssMb(server.pid));
  }
  await sleep(1_000);
  // the slow readers resume reading: they find their close frame (or were cut at 2 s)
  for (const ws of slow) (ws as unknown as { _socket: { resume(): void } })._socket.resume();
  const deadline = Date.now() + 10_000;
  while (closes.length < slowCount && Date.now() < deadline) await sleep(100);
  const refused = await metric(server, 'concerto_refused_connections_total', 'reason="slow-reader"');
  const queued = await metric(server, 'concerto_queued_bytes');
  await sleep(5_000);
  // collected first: without it the figure said when V8 last ran, not what the server holds
  // (the same control run ended anywhere between 194 and 221 MB)
  await server.collectGarbage();
  const after = rssMb(server.pid);
  const readerOpen = reader.readyState === WebSocket.OPEN;
  writer.terminate();
  reader.terminate();
  return { baseline, peak, after, closes, refused, queued, readBytes, readerOpen };
}

// No compaction in either run: 500 writes come to about COMPACT_AFTER_ROWS (500) rows, so one
// run compacted and the other did not, as the flushes happened to group them; a compaction of
// this 20 MB log starts the worker thread, and the two runs then differed by ~75 MB (a CI
// failure: 97 MB over the control) for a reason that has nothing to do with slow readers.
const ENV = { MAX_DOCUMENT_BYTES: String(1024 * 1024 * 1024), MAX_MESSAGES_PER_SECOND: '100', FLUSH_INTERVAL_MS: '0', COMPACT_AFTER_ROWS: '1000000' };

describe('slow readers (issue 10 item 3)', () => {
  const servers: ServerProcess[] = [];
  let control: LoadResult | null = null;
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('control: the same load with no slow reader (what the document and storage cost alone)', async () => {
    const server = await startServerProcess(ENV, { inspect: true });
    servers.push(server);
    control = await runLoad(server, 0);
    figure(`item 3: control, no slow reader: RSS ${control.baseline} MB before, peak ${control.peak} MB, ${control.after} MB 5 s after`);
    expect(control.readerOpen).toBe(true);
  }, 60_000);

  it('closes readers that stopped reading with 1013 and gives the memory back', async () => {
    const server = await startServerProcess(ENV, { inspect: true });
    servers.push(server);
    const r = await runLoad(server, SLOW_READERS);
    const extra = r.after - r.baseline - (control === null ? 0 : control.after - control.baseline);
    figure(`item 3: ${SLOW_READERS} slow readers at ${((NOTE_BYTES * PER_SECOND) / 1e6).toFixed(1)} MB/s for ${SECONDS} s: RSS ${r.baseline} MB before, peak ${r.peak} MB, ${r.after} MB 5 s after (${extra} MB more than the control); closes ${JSON.stringify(r.closes)}; queued bytes now ${r.queued}; the reading client got ${(r.readBytes / 1e6).toFixed(0)} MB`);
    expect(r.refused).toBe(SLOW_READERS);
    expect(r.closes.every((c) => c === 1013 || c === 1006)).toBe(true);
    expect(r.readerOpen).toBe(true);
    expect(r.readBytes).toBeGreaterThan(0.8 * SECONDS * PER_SECOND * NOTE_BYTES);
    expect(r.queued).toBeLessThan(1024 * 1024);
    expect(extra).toBeLessThan(30);
  }, 60_000);
});
