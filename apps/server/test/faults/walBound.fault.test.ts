/**
 * Issue 10 item 2: the SQLite WAL stays bounded under sustained writes (≤ 64 MB at ~1,000
 * edits/s) and falls to ≤ 4 MB within 30 s of quiet. The load runs 40 s, not the 51 s:
 * the WAL's size is periodic (it rewinds after each completed checkpoint), which the printed
 * per-5-s maxima show; before the fix it grew linearly from the first seconds.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../cluster/cluster.js';
import type { Instance } from '../cluster/processes.js';
import { createNote } from '@concerto/board';
import { figure, rawWriter, sleep, sqliteInstance } from './faults.js';
import type { RawWriter } from './faults.js';

const LOAD_MS = 40_000;
/** 20 writers × 50 edits/s: under the per-connection rate limit (60/s) */
const WRITERS = 20;
const MB = 1024 * 1024;

const walBytes = (dataDir: string): number => {
  try {
    return statSync(join(dataDir, 'concerto.db-wal')).size;
  } catch {
    return 0;
  }
};

describe('SQLite WAL bound', () => {
  let instance: Instance | null = null;
  const clients: RawWriter[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await instance?.kill9();
  });

  it('stays ≤ 64 MB under ~1,000 edits/s and falls to ≤ 4 MB within 30 s of quiet', async () => {
    const started = await sqliteInstance('wal');
    instance = started.instance;
    const { dataDir } = started;
    await instance.start();
    // Two writers per room: each socket receives only its neighbour's relays, so the test
    // process keeps up with the load it generates.
    const session = await createSession(instance, Array.from({ length: WRITERS / 2 }, (_, g) => `Groupe ${g + 1}`));
    for (let i = 0; i < WRITERS; i++) {
      const group = session.groups[i % session.groups.length]!;
      clients.push(await rawWriter(instance.wsUrl, session.id, group.id, group.token));
    }

    // Each writer adds a note every 20 ms: 20 × 50 = ~1,000 edits/s.
    let edits = 0;
    const timers = clients.map((c, i) => {
      let k = 0;
      return setInterval(() => {
        k += 1;
        createNote(c.doc, { text: `w${i}#${k} ${'x'.repeat(40)}`, x: k % 100, y: i, author: `w${i}` });
        edits += 1;
      }, 20);
    });
    const windows: number[] = [];
    let max = 0;
    const loadStart = Date.now();
    while (Date.now() - loadStart < LOAD_MS) {
      const window = Math.floor((Date.now() - loadStart) / 5_000);
      const size = walBytes(dataDir);
      windows[window] = Math.max(windows[window] ?? 0, size);
      max = Math.max(max, size);
      await sleep(100);
    }
    for (const t of timers) clearInterval(t);
    const rate = Math.round(edits / (LOAD_MS / 1000));
    figure(`WAL under load: ${rate} edits/s for ${LOAD_MS / 1000} s, max ${(max / MB).toFixed(1)} MB; max per 5 s: ${windows.map((w) => (w / MB).toFixed(1)).join(', ')} MB`);

    const quietStart = Date.now();
    let quietSize = walBytes(dataDir);
    while (quietSize > 4 * MB && Date.now() - quietStart < 30_000) {
      await sleep(250);
      quietSize = walBytes(dataDir);
    }
    figure(`WAL after quiet: ${(quietSize / MB).toFixed(2)} MB after ${((Date.now() - quietStart) / 1000).toFixed(1)} s`);
    // The target is 1,000 edits/s; a loaded 2-core CI machine may generate less, so the
    // figure printed says what was reached. Below 150/s the test would prove little.
    expect(rate).toBeGreaterThan(150);
    expect(max).toBeLessThanOrEqual(64 * MB);
    expect(quietSize).toBeLessThanOrEqual(4 * MB);
  });
});
