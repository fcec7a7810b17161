/**
 * `npm run export`: the built CLI, run as a child process on a real data directory (stderr is
 * not a terminal here, so progress comes as plain lines).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote } from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { api, connect, createSession, startTestServer, synced, waitFor } from './harness.js';

const CLI = new URL('../dist/cli/export.js', import.meta.url).pathname;

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

describe('export CLI', () => {
  let dataDir: string;
  const created: CreateSessionResponse[] = [];
  let programmeId = '';

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('build first: npm run build');
    const server = await startTestServer();
    dataDir = server.dataDir;
    try {
      for (const title of ['Atelier de Lyon', 'Atelier de Lyon', 'Webinaire de lancement']) created.push(await createSession(server, { title, date: '2024-10-15' }));
      const writer = connect(server, created[0]!.id, 'groupe-1', created[0]!.groups[0]!.token);
      await synced(writer);
      createNote(writer.doc, { text: 'Une note écrite en atelier', x: 0, y: 0, author: 'Inès' });
      await waitFor(() => (server.rooms.get(created[0]!.id, 'groupe-1')?.doc.getMap('notes').size ?? 0) === 1, 'note stored');
      writer.destroy();
      await server.rooms.drain();
      // A démarche with the first workshop as its NORD session, for the roadmap.
      const programme = await api<{ id: string; facilitatorToken: string }>(server, 'POST', '/api/programmes', { body: { title: 'Feuille de route du Rhône' } });
      programmeId = programme.body.id;
      const attached = await api(server, 'POST', `/api/programmes/${programmeId}/sessions`, {
        token: programme.body.facilitatorToken,
        body: { sessionId: created[0]!.id, sessionToken: created[0]!.facilitatorToken, territory: 'NORD' },
      });
      expect(attached.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('exports every session in every format, with a progress line per file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'concerto-export-'));
    const result = await runCli(['--data-dir', dataDir, '--all', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(9);
    expect(files).toContain('compte-rendu-atelier-de-lyon-2024-10-15.pdf');
    expect(files).toContain('compte-rendu-webinaire-de-lancement-2024-10-15.md');
    // two sessions with one title and day are both kept
    expect(files.filter((f) => f.startsWith('compte-rendu-atelier-de-lyon-2024-10-15')).length).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(9);
    expect(result.stderr).toMatch(/^\[1\/9\] /);
    expect(result.stderr).toMatch(/\[9\/9\] /);
    const pdf = readFileSync(join(out, files.find((f) => f.endsWith('.pdf'))!));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const md = files.filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    expect(md).toContain('Une note écrite en atelier — *Inès*');
  });

  it('exports one session in chosen formats; DATA_DIR works like --data-dir', async () => {
    const out = mkdtempSync(join(tmpdir(), 'concerto-export-'));
    const result = await runCli(['--session', created[2]!.id, '--format', 'json', '--out', out], { DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['archive-webinaire-de-lancement-2024-10-15.json']);
    const archive = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!), 'utf8')) as { session: { id: string }; rooms: Record<string, { state: string }> };
    expect(archive.session.id).toBe(created[2]!.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(archive.rooms['groupe-1']!.state, 'base64'));
    expect(doc.getMap('meta').get('name')).toBe('Groupe 1');
  });

  it('exports a démarche’s roadmap (« feuille de route ») with --programme', async () => {
    const out = mkdtempSync(join(tmpdir(), 'concerto-export-'));
    const result = await runCli(['--data-dir', dataDir, '--programme', programmeId, '--format', 'pdf,md', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.startsWith('feuille-de-route-feuille-de-route-du-rhone-'))).toBe(true);
    const md = readFileSync(join(out, files.find((f) => f.endsWith('.md'))!), 'utf8');
    expect(md).toContain('Feuille de route du Rhône');
    expect(md).toContain('NORD');
    const unknown = await runCli(['--programme', 'nosuchprogramme', '--data-dir', dataDir, '--out', mkdtempSync(join(tmpdir(), 'x-'))]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('démarche introuvable : nosuchprogramme');
  });

  it('lists sessions, helps, and says what is wrong', async () => {
    const list = await runCli(['--data-dir', dataDir, '--list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(created[2]!.id);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--session <id>');
    expect(help.stdout).toContain('--programme <id>');
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['--all', '--format', 'docx', '--data-dir', dataDir])).stderr).toContain('format inconnu : docx');
    const missing = await runCli(['--all', '--data-dir', join(dataDir, 'nothing-here')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('aucune base de données');
    expect(existsSync(join(dataDir, 'nothing-here'))).toBe(false);
    const unknown = await runCli(['--session', 'nosuchsession', '--data-dir', dataDir, '--out', mkdtempSync(join(tmpdir(), 'x-'))]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('séance introuvable : nosuchsession');
  });
});

