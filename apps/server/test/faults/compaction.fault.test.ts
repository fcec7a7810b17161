/**
 * Issue 10 item 4: a room's stored log stays within COMPACT_AFTER_ROWS (500) plus its margin
 * (compactionMargin: 50) while writes go on, read from the SQLite file itself every 50 ms.
 * Before the fix it reached 557–615 rows.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createNote } from '@concerto/board';
import { compactionMargin } from '../../src/compactions.js';
import { createSession } from '../cluster/cluster.js';
import type { Instance } from '../cluster/processes.js';
import { figure, rawWriter, sleep, sqliteInstance } from './faults.js';
import type { RawWriter } from './faults.js';

const LIMIT = 500;
const LOAD_MS = 20_000;
const WRITERS = 5;

describe('compaction under continuous load', () => {
  let instance: Instance | null = null;
  const writers: RawWriter[] = [];
  afterAll(async () => {
    await Promise.all(writers.map((w) => w.close()));
    await instance?.kill9();
  });

  it(`holds the log within ${LIMIT} + ${compactionMargin(LIMIT)} rows`, async () => {
    const started = await sqliteInstance('compaction', { COMPACT_AFTER_ROWS: String(LIMIT) });
    instance = started.instance;
    await instance.start();
    const session = await createSession(instance);
    const group = session.groups[0]!;
    for (let i = 0; i < WRITERS; i++) writers.push(await rawWriter(instance.wsUrl, session.id, group.id, group.token));
    const db = new Database(join(started.dataDir, 'concerto.db'), { readonly: true });
    const count = db.prepare('SELECT count(*) AS n FROM updates WHERE session_id = ? AND room = ?');
    const rows = () => (count.get(session.id, group.id) as { n: number }).n;

    let edits = 0;
    const timers = writers.map((w, i) => {
      let k = 0;
      return setInterval(() => {
        k += 1;
        createNote(w.doc, { text: `w${i}#${k}`, x: k % 100, y: i, author: `w${i}` });
        edits += 1;
      }, 20);
    });
    let max = 0;
    let compactions = 0;
    let last = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < LOAD_MS) {
      const n = rows();
      if (n < last) compactions += 1;
      last = n;
      max = Math.max(max, n);
      await sleep(50);
    }
    for (const t of timers) clearInterval(t);
    db.close();
    figure(`compaction: ${Math.round(edits / (LOAD_MS / 1000))} edits/s for ${LOAD_MS / 1000} s, ${compactions} compactions seen, max ${max} rows (limit ${LIMIT}, margin ${compactionMargin(LIMIT)})`);
    expect(compactions).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(LIMIT + compactionMargin(LIMIT));
  });
});
