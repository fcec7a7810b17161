/**
 * Exports off the event loop (issue 13): a real server, a 10-group × 50-note session imported
 * from the export package's sample, real y-websocket clients. Two exports at once are served
 * one after the other, a third is told to come back (503 + Retry-After), and a live room keeps
 * relaying edits while a PDF is drawn on the worker thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, getNotesMap, moveNote } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { buildArchive } from '@concerto/export';
import { buildSampleSession } from '@concerto/export/fixtures';
import { api, connect, startTestServer, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let created: CreateSessionResponse;
const clients: Client[] = [];

function noteX(client: Client, id: string): unknown {
  const note = getNotesMap(client.doc).get(id) as { get(key: string): unknown } | undefined;
  return note?.get('x');
}

beforeAll(async () => {
  server = await startTestServer();
  const archive = buildArchive(buildSampleSession({ groups: 10, notesPerGroup: 50 }));
  const imported = await api<CreateSessionResponse>(server, 'POST', '/api/sessions/import', { body: archive });
  expect(imported.status).toBe(201);
  created = imported.body;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

async function exportPdf(): Promise<{ status: number; retryAfter: string | null; body: Buffer }> {
  const response = await fetch(`${server.url}/api/sessions/${created.id}/export.pdf`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: Buffer.from(await response.arrayBuffer()) };
}

describe('exports on a worker thread', () => {
  it('serves two exports at once and refuses a third with 503, Retry-After and the busy code', async () => {
    const results = await Promise.all([exportPdf(), exportPdf(), exportPdf()]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 503]);
    for (const ok of results.filter((r) => r.status === 200)) expect(ok.body.subarray(0, 5).toString()).toBe('%PDF-');
    const refused = results.find((r) => r.status === 503)!;
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ error: { code: 'busy' } });
    // The queue frees its places: the next export is served.
    expect((await exportPdf()).status).toBe(200);
  });

  it('keeps relaying a live room\'s edits while an export is drawn', async () => {
    const group = created.groups[0]!;
    const writer = connect(server, created.id, group.id, group.token);
    const reader = connect(server, created.id, group.id, group.token);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const noteId = createNote(writer.doc, { text: 'ping', author: 'Test', x: 0, y: 0 });
    await waitFor(() => noteX(reader, noteId) !== undefined, 'the note to reach the reader');

    // Round trips, one after the other: a move by the writer, seen by the reader through the server.
    // An object, so TypeScript does not narrow the phase the async loop reads.
    const state: { phase: 'before' | 'during' | 'after' } = { phase: 'before' };
    let duringSecondExport = 0;
    const pinger = (async () => {
      for (let i = 1; state.phase !== 'after'; i++) {
        const seen = new Promise<void>((resolve) => {
          const check = () => {
            if (noteX(reader, noteId) === i) {
              reader.doc.off('update', check);
              resolve();
            }
          };
          reader.doc.on('update', check);
        });
        moveNote(writer.doc, noteId, i, 0);
        await seen;
        if (state.phase === 'during') duringSecondExport++;
      }
    })();

    // Two exports at once: the second is drawn while the first's answer is already out, so
    // every round trip between the two answers happened while a PDF was being rendered.
    const first = exportPdf();
    const second = exportPdf();
    expect((await first).status).toBe(200);
    state.phase = 'during';
    expect((await second).status).toBe(200);
    state.phase = 'after';
    await pinger;
    // On the event loop the render blocked every relay for its whole length: none got through.
    expect(duringSecondExport).toBeGreaterThanOrEqual(10);
  });
});
