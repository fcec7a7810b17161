/**
 * The durability rule under `kill -9`: the server runs as a child process, clients edit, the
 * process is killed at a random moment, and a restart on the same DATA_DIR must hold every
 * update that any other client had received.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNote, listNotes, moveNote } from '@concerto/board';
import { connect, createSession, sleep, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'concerto-durability-'));
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startChild(): Promise<{ url: string; wsUrl: string; process: ChildProcess }> {
  const proc = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready on (http:\/\/[^\s"]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { url, wsUrl: url.replace(/^http/, 'ws') + '/ws', process: proc };
}

function seed(n: number): () => number {
  let a = n;
  return () => ((a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('durability under kill -9', () => {
  it('keeps every update another client had received, over repeated random kills', async () => {
    const random = seed(42);
    let server = await startChild();
    const session = await createSession(server);
    const group = session.groups[0]!;
    const seen = new Set<string>();

    for (let round = 0; round < 4; round++) {
      const asServer = server as unknown as TestServer;
      const writer: Client = connect(asServer, session.id, group.id, group.token);
      const observer: Client = connect(asServer, session.id, group.id, group.token);
      await Promise.all([synced(writer), synced(observer)]);
      const noteMaps = observer.doc.getMap('notes');
      noteMaps.observe(() => {
        for (const note of listNotes(observer.doc)) seen.add(`${note.id}@${note.x}`);
      });
      let running = true;
      const editing = (async () => {
        let i = 0;
        while (running) {
          const id = createNote(writer.doc, { text: `round ${round} note ${i}`, x: i, y: round, author: 'w' });
          moveNote(writer.doc, id, i + 1000, round);
          i++;
          await sleep(2);
        }
      })();
      await sleep(100 + random() * 400);
      server.process.kill('SIGKILL');
      await new Promise((resolve) => server.process.once('exit', resolve));
      running = false;
      await editing;
      // What the observer had at the moment of the kill:
      const observed = new Set(listNotes(observer.doc).map((n) => `${n.id}@${n.x}`));
      for (const k of observed) seen.add(k);
      writer.destroy();
      observer.destroy();

      server = await startChild();
      const checker = connect(server as unknown as TestServer, session.id, group.id, group.token);
      await synced(checker);
      await waitFor(() => listNotes(checker.doc).length > 0, 'notes loaded');
      const stored = new Map(listNotes(checker.doc).map((n) => [n.id, n.x] as const));
      const missing = [...seen].filter((k) => {
        const [id, x] = k.split('@') as [string, string];
        // a later position of the same note supersedes an earlier one
        return !stored.has(id) || (stored.get(id)! < Number(x));
      });
      expect(missing, `round ${round}: seen by a client but lost`).toEqual([]);
      expect(observed.size).toBeGreaterThan(0);
      checker.destroy();
    }
    server.process.kill('SIGTERM');
  }, 60_000);

  it('on SIGTERM stores what is pending, closes clients with 1012 and exits 0', async () => {
    const server = await startChild();
    const session = await createSession(server);
    const group = session.groups[1]!;
    const client = connect(server as unknown as TestServer, session.id, group.id, group.token);
    await synced(client);
    createNote(client.doc, { text: 'juste avant l’arrêt', x: 0, y: 0, author: 'x' });
    await sleep(50);
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    await waitFor(() => client.closes.includes(1012), 'close 1012');
    expect(await exited).toBe(0);
    client.destroy();
    const again = await startChild();
    const checker = connect(again as unknown as TestServer, session.id, group.id, group.token);
    await synced(checker);
    await waitFor(() => listNotes(checker.doc).some((n) => n.text === 'juste avant l’arrêt'), 'the note after restart');
    checker.destroy();
    again.process.kill('SIGTERM');
  });
});
