/**
 * Issue 11 §5, the roadmap of a démarche through the API: two earlier sessions whose plenaries
 * were written by y-websocket clients and voted on, consolidated into three axes, a follow-up
 * session by theme on « Enjeux – Objectifs – Actions » boards started from them, its boards
 * filled by a real y-websocket client (notes with their round and rotating group, priority
 * actions, an action sheet), then `GET /api/programmes/:id/export.{pdf,md,json}`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterFromNotes, createNote, DEFAULT_SHEET_FIELDS, listZones, markKeyIdea, openSheet, setSheetScale, setSheetText } from '@concerto/board';
import type { CreateProgrammeResponse, CreateSessionResponse, ProgrammeDescription } from '@concerto/contract';
import type { RoadmapArchive } from '@concerto/export';
import { api, connect, startTestServer, synced, waitFor } from './harness.js';
import type { Client, TestServer } from './harness.js';
import { FIRST_ROUND, runEarlierSession } from './programmeFixture.js';

const AXES = ['Axe 1 – Équiper et accompagner les publics', 'Axe 2 – Former les aidants et les professionnels', 'Axe 3 – Mieux se coordonner entre acteurs'];
const SHEET = {
  stakes: 'Les habitants éloignés renoncent à leurs droits faute d’accompagnement.',
  description: 'Recenser les lieux d’accueil\nRecruter deux conseillers numériques',
  inThreeYears: 'Douze lieux d’accueil ouverts et connus',
  partners: 'Conseil départemental\nCAF et CPAM',
  drivers: 'Les maires des communes rurales',
  conditions: 'Un financement sur trois ans',
  indicators: 'Nombre de démarches accompagnées',
};
const PRIORITY = 'Un lieu d’accueil numérique par bassin de vie d’ici 2027';

let server: TestServer;
let earlier: Awaited<ReturnType<typeof runEarlierSession>>[] = [];
let programme: CreateProgrammeResponse;
let followUp: CreateSessionResponse;
const clients: Client[] = [];

const exportOf = (format: string, token: string | null = programme.facilitatorToken, id = programme.id) =>
  fetch(`${server.url}/api/programmes/${id}/export.${format}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

/** The PDF's text, read back by pdftotext, spaces folded. */
async function pdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), 'roadmap-')), 'roadmap.pdf');
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The JSON roadmap once `ready` holds (the server has applied what the clients wrote). */
async function archiveWhen(ready: (archive: RoadmapArchive) => boolean, id = programme.id, token = programme.facilitatorToken): Promise<RoadmapArchive> {
  const started = Date.now();
  for (;;) {
    const response = await exportOf('json', token, id);
    expect(response.status).toBe(200);
    const archive = (await response.json()) as RoadmapArchive;
    if (ready(archive) || Date.now() - started > 10_000) return archive;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  earlier = [];
  for (const spec of FIRST_ROUND) earlier.push(await runEarlierSession(server, spec));
  programme = (await api<CreateProgrammeResponse>(server, 'POST', '/api/programmes', { body: { title: 'Feuille de route inclusion numérique' } })).body;
  const call = <T>(method: string, path: string, body: unknown) => api<T>(server, method, `/api/programmes/${programme.id}${path}`, { token: programme.facilitatorToken, body });
  for (const [i, e] of earlier.entries()) {
    const attached = await call('POST', '/sessions', { sessionId: e.session.id, sessionToken: e.session.facilitatorToken, territory: FIRST_ROUND[i]!.territory });
    expect(attached.status).toBe(200);
  }
  const ref = (i: number, label: string) => `${earlier[i]!.session.id}/${earlier[i]!.themeIds.get(label)}`;
  const merges = [
    { id: 'axe-1', title: AXES[0], members: [ref(0, 'Accompagner les publics éloignés du numérique'), ref(1, 'Équiper les publics (matériel, connexion)')] },
    { id: 'axe-2', title: AXES[1], members: [ref(0, 'Former les aidants numériques'), ref(1, 'Former les professionnels et les bénévoles')] },
    { id: 'axe-3', title: AXES[2], members: [ref(0, 'Mieux se coordonner entre acteurs')] },
  ];
  expect((await call<ProgrammeDescription>('PUT', '/merges', { revision: 0, merges })).status).toBe(200);
  const started = await call<CreateSessionResponse>('POST', '/carry-over', {
    title: 'Concertation de suivi – OUEST',
    territory: 'OUEST',
    date: '2026-05-20',
    themes: ['axe-1', 'axe-2', 'axe-3'],
    template: { kind: 'enjeux-objectifs-actions' },
    rotation: { groups: ['Groupe A', 'Groupe B', 'Groupe C'] },
  });
  expect(started.status).toBe(201);
  followUp = started.body;
}, 90_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

describe('the roadmap of a démarche', () => {
  it('a follow-up started by theme with a template: one zoned board per axis, groups that rotate over them', async () => {
    expect(followUp.groups.map((g) => g.name)).toEqual(AXES);
    expect(followUp.rotationGroups?.map((g) => g.name)).toEqual(['Groupe A', 'Groupe B', 'Groupe C']);
    // By theme needs two axes at least; a bad template is named.
    const start = (body: Record<string, unknown>) => api<{ error: { message: string } }>(server, 'POST', `/api/programmes/${programme.id}/carry-over`, {
      token: programme.facilitatorToken,
      body: { title: 'x', territory: 'EST', themes: ['axe-1'], ...body },
    });
    const one = await start({ rotation: {} });
    expect(one.status).toBe(400);
    expect(one.body.error.message).toMatch(/themes: at least 2 themes/);
    expect((await start({ template: { kind: 'nope' } })).body.error.message).toMatch(/template/);
  });

  it('refuses without the programme’s token, and with a session’s', async () => {
    expect((await exportOf('pdf', null)).status).toBe(401);
    expect((await exportOf('md', followUp.facilitatorToken)).status).toBe(403);
    expect((await exportOf('json', 'abc.def')).status).toBe(401);
  });

  it('exports the axes with their votes, stakes, objectives, priority actions and sheets, each with its origin', async () => {
    // The axis 1 board, written live by a y-websocket client as the rounds went.
    const client = connect(server, followUp.id, followUp.groups[0]!.id, followUp.facilitatorToken);
    clients.push(client);
    await synced(client);
    const { doc } = client;
    await waitFor(() => listZones(doc).length === 5, 'the template’s zones');
    const [ga, gb, gc] = followUp.rotationGroups!;
    createNote(doc, { id: 'e1', text: 'L’accès au matériel reste un frein', x: 0, y: 0, zone: 'enjeux', author: 'Anaïs', round: 1, group: ga!.id });
    createNote(doc, { id: 'e2', text: 'Accompagner sans faire « à la place »', x: 0, y: 0, zone: 'enjeux', author: 'Benoît', round: 1, group: ga!.id });
    createClusterFromNotes(doc, ['e1', 'e2'], { id: 'c1', label: 'Accès et accompagnement' });
    createNote(doc, { id: 'o1', text: 'Chaque commune a un lieu d’accueil repéré', x: 0, y: 0, zone: 'objectifs', author: 'Céline', round: 2, group: gc!.id });
    createNote(doc, { id: 'a1', text: 'Un réseau de prêt d’ordinateurs', x: 0, y: 0, zone: 'actions', author: 'Dominique', round: 3, group: gb!.id });
    createNote(doc, { id: 'p1', text: PRIORITY, x: 0, y: 0, zone: 'prioritaires', author: 'Émile', round: 3, group: gb!.id });
    expect(markKeyIdea(doc, { noteId: 'p1' }, 3, { id: 'k1', zone: 'prioritaires' })).toMatchObject({ ok: true });
    doc.transact(() => {
      openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
      for (const [field, text] of Object.entries(SHEET)) setSheetText(doc, 'k1', field, text);
      setSheetScale(doc, 'k1', 'feasibility', 3);
      setSheetScale(doc, 'k1', 'impact', 4);
    });

    // The JSON is the sentinel: once the server holds the sheet, every format has it.
    let archive: RoadmapArchive | null = null;
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      const response = await exportOf('json');
      expect(response.status).toBe(200);
      archive = (await response.json()) as RoadmapArchive;
      if (archive.roadmap.stats.sheets === 1 && archive.roadmap.stats.stakes === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { roadmap } = archive!;
    expect(roadmap.sessions.map((s) => [s.territory, s.followUp])).toEqual([['NORD', false], ['SUD', false], ['OUEST', true]]);
    expect(roadmap.axes.map((a) => [a.title, a.votes, a.byTerritory])).toEqual([
      [AXES[0], 9, [{ territory: 'NORD', votes: 5 }, { territory: 'SUD', votes: 4 }]],
      [AXES[1], 6, [{ territory: 'NORD', votes: 3 }, { territory: 'SUD', votes: 3 }]],
      [AXES[2], 2, [{ territory: 'NORD', votes: 2 }]],
    ]);
    const [axis1] = roadmap.axes;
    expect(axis1!.sources.map((s) => s.session)).toEqual([FIRST_ROUND[0]!.title, FIRST_ROUND[1]!.title]);
    expect(axis1!.stakes[0]).toMatchObject({ kind: 'cluster', text: 'Accès et accompagnement', origin: { territory: 'OUEST', round: 1, group: 'Groupe A' } });
    expect(axis1!.objectives.map((o) => [o.text, o.origin.round, o.origin.group])).toEqual([['Chaque commune a un lieu d’accueil repéré', 2, 'Groupe C']]);
    expect(axis1!.actions.map((a) => [a.text, a.origin.session, a.origin.round, a.origin.group])).toEqual([[PRIORITY, 'Concertation de suivi – OUEST', 3, 'Groupe B']]);
    // The « Actions » zone is in the roadmap too, each with who wrote it and when.
    expect(axis1!.actionIdeas.map((a) => [a.text, a.author, a.origin.round, a.origin.group])).toEqual([['Un réseau de prêt d’ordinateurs', 'Dominique', 3, 'Groupe B']]);
    expect(axis1!.priorityProposals).toEqual([]);
    expect(axis1!.actions[0]!.sheet!.fields.find((f) => f.id === 'partners')!.items).toEqual(['Conseil départemental', 'CAF et CPAM']);
    // Lossless: every session's full archive rides along.
    expect(archive!.sessions.map((s) => [s.format, s.session.title])).toEqual([
      ['concerto-archive', FIRST_ROUND[0]!.title],
      ['concerto-archive', FIRST_ROUND[1]!.title],
      ['concerto-archive', 'Concertation de suivi – OUEST'],
    ]);

    const md = await exportOf('md');
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="feuille-de-route-feuille-de-route-inclusion-numerique-\d{4}-\d{2}-\d{2}\.md"/);
    const text = await md.text();
    for (const axis of AXES) expect(text).toContain(`## ${axis}`);
    expect(text).toContain(`#### 1. ${PRIORITY}`);
    expect(text).toContain('### Actions\n\n- Un réseau de prêt d’ordinateurs');

    const pdf = await exportOf('pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'roadmap-')), 'roadmap.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const read = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const axis of AXES) expect(read).toContain(axis);
    for (const value of Object.values(SHEET).flatMap((v) => v.split('\n'))) expect(read).toContain(value);
    expect(read).toContain(`1. ${PRIORITY}`);
    expect(read).toContain('Concertation de suivi – OUEST · tour 3 · Groupe B');
    expect(read).toContain('Faisabilité : 3 sur 4');
    expect(read).toContain('Actions • Un réseau de prêt d’ordinateurs');
  }, 60_000);

  it('an axis whose « Actions prioritaires » holds notes but no chosen idea lists them as proposed, not « Aucune action prioritaire »', async () => {
    const client = connect(server, followUp.id, followUp.groups[1]!.id, followUp.facilitatorToken);
    clients.push(client);
    await synced(client);
    const { doc } = client;
    await waitFor(() => listZones(doc).length === 5, 'the template’s zones');
    const gc = followUp.rotationGroups![2]!;
    const proposed = ['Un label « Aidant numérique » reconnu par le département', 'Une formation commune aux agents d’accueil'];
    createNote(doc, { id: 'x1', text: 'Un parcours de formation commun', x: 0, y: 0, zone: 'actions', author: 'Gaëlle', round: 2, group: gc.id });
    proposed.forEach((text, i) => createNote(doc, { id: `q${i}`, text, x: 0, y: 0, zone: 'prioritaires', author: 'Hugo', round: 3, group: gc.id }));

    const archive = await archiveWhen((a) => a.roadmap.axes[1]!.priorityProposals.length === 2);
    const axis2 = archive.roadmap.axes[1]!;
    expect(axis2.title).toBe(AXES[1]);
    expect(axis2.actions).toEqual([]);
    expect(axis2.actionIdeas.map((a) => a.text)).toEqual(['Un parcours de formation commun']);
    expect(axis2.priorityProposals.map((p) => [p.text, p.author, p.origin.round, p.origin.group])).toEqual(proposed.map((text) => [text, 'Hugo', 3, 'Groupe C']));

    const md = await (await exportOf('md')).text();
    const section = md.slice(md.indexOf(`## ${AXES[1]}`), md.indexOf(`## ${AXES[2]}`));
    expect(section).not.toContain('Aucune action prioritaire n’a été retenue.');
    expect(section).toContain('*Aucune action prioritaire n’a encore été retenue\u00a0: les propositions du groupe suivent.*');
    expect(section).toContain('#### Proposées, pas encore retenues');
    for (const text of proposed) expect(section).toContain(`- ${text}`);
    const read = await pdfText(await exportOf('pdf'));
    const pdfSection = read.slice(read.lastIndexOf(AXES[1]!), read.lastIndexOf(AXES[2]!));
    expect(pdfSection).toContain('Proposées, pas encore retenues');
    for (const text of proposed) expect(pdfSection).toContain(text);
    expect(pdfSection).not.toContain('Aucune action prioritaire n’a été retenue.');
  }, 60_000);

  it('a démarche with no follow-up yet: its axes are the plenaries’ consolidated themes with their votes', async () => {
    const first = (await api<CreateProgrammeResponse>(server, 'POST', '/api/programmes', { body: { title: 'Premier tour inclusion numérique' } })).body;
    const call = <T>(method: string, path: string, body: unknown) => api<T>(server, method, `/api/programmes/${first.id}${path}`, { token: first.facilitatorToken, body });
    for (const [i, e] of earlier.entries()) {
      expect((await call('POST', '/sessions', { sessionId: e.session.id, sessionToken: e.session.facilitatorToken, territory: FIRST_ROUND[i]!.territory })).status).toBe(200);
    }
    const ref = (i: number, label: string) => `${earlier[i]!.session.id}/${earlier[i]!.themeIds.get(label)}`;
    const merged = { id: 'axe-1', title: AXES[0], members: [ref(0, 'Accompagner les publics éloignés du numérique'), ref(1, 'Équiper les publics (matériel, connexion)')] };
    expect((await call('PUT', '/merges', { revision: 0, merges: [merged] })).status).toBe(200);
    const description = (await call<ProgrammeDescription>('GET', '', undefined)).body;

    const archive = await archiveWhen(() => true, first.id, first.facilitatorToken);
    const { roadmap } = archive;
    expect(roadmap.axesFrom).toBe('themes');
    // What the programme view consolidates, in its order, with its votes by territory.
    expect(roadmap.axes.map((a) => [a.id, a.title, a.votes, a.byTerritory])).toEqual(description.consolidated.map((c) => [c.id, c.title, c.votes, c.byTerritory]));
    expect(roadmap.axes[0]).toMatchObject({ title: AXES[0], votes: 9, byTerritory: [{ territory: 'NORD', votes: 5 }, { territory: 'SUD', votes: 4 }] });
    expect(roadmap.axes[0]!.sources.map((s) => [s.label, s.session])).toEqual([
      ['Accompagner les publics éloignés du numérique', FIRST_ROUND[0]!.title],
      ['Équiper les publics (matériel, connexion)', FIRST_ROUND[1]!.title],
    ]);
    expect(roadmap.axes).toHaveLength(5);
    expect(archive.programme.merges).toEqual([merged]);

    const md = await (await exportOf('md', first.facilitatorToken, first.id)).text();
    expect(md).toContain('2\u00a0séances · 5\u00a0axes · 0\u00a0idée\n');
    expect(md).toContain('Pas encore de séance de suivi\u00a0: les axes sont les thèmes des plénières');
    expect(md).toContain(`## ${AXES[0]}\n\n**9\u00a0votes\u00a0: NORD\u00a05, SUD\u00a04**`);
    expect(md).toContain('## Former les aidants numériques\n\n**3\u00a0votes\u00a0: NORD\u00a03**');
    const read = await pdfText(await exportOf('pdf', first.facilitatorToken, first.id));
    for (const axis of roadmap.axes) expect(read).toContain(axis.title);
    expect(read).toContain('9 votes : NORD 5, SUD 4');
    expect(read).not.toContain('Aucune séance de la démarche n’a encore repris de thèmes');
  }, 60_000);
});
