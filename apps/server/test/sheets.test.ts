/**
 * Action sheets through the real server (issue 11 §4): two y-websocket clients typing in the
 * same sheet field at once both keep their words, and so do two opening the same sheet at the
 * same instant (SPEC S2), through the archive too; the room rights apply to sheets (a locked
 * group writes nothing) and to the template (only the facilitator writes the plenary).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_SHEET_FIELDS, addSheetField, ensureSheetText, getSheetText, markKeyIdea, openSheet, readKeyIdeas, readSheet, readSheetTemplate, readSheets,
  setSheetScale, setSheetText, sheetTextName,
} from '@concerto/board';
import type { CreateSessionResponse } from '@concerto/contract';
import { api, connect, handled, synced, waitFor, withTestSession } from './harness.js';
import type { Client, TestServer } from './harness.js';

let server: TestServer;
let session: CreateSessionResponse;
const clients: Client[] = [];

withTestSession(clients, (s, created) => {
  server = s;
  session = created;
});

function open(room: string, token: string): Client {
  const client = connect(server, session.id, room, token);
  clients.push(client);
  return client;
}

describe('action sheets through the server', () => {
  it('S3 two participants typing in the same sheet field at once both keep their words, on every replica and on the server', async () => {
    const group = session.groups[0]!;
    const ines = open(group.id, group.token);
    const theo = open(group.id, group.token);
    await Promise.all([synced(ines), synced(theo)]);
    const marked = markKeyIdea(ines.doc, { text: 'Créer des permanences itinérantes' }, 2);
    if (!marked.ok) throw new Error('mark refused');
    openSheet(ines.doc, marked.id, DEFAULT_SHEET_FIELDS);
    await waitFor(() => getSheetText(theo.doc, marked.id, 'partners') !== null, 'the sheet reaches Théo');

    // Both type into « Partenaires » without waiting for the other: one splice per keystroke, as the binding writes.
    const typed = { ines: 'Conseil départemental\n', theo: 'Médiathèque de Saint-Céré\n' };
    const inesText = getSheetText(ines.doc, marked.id, 'partners')!;
    const theoText = getSheetText(theo.doc, marked.id, 'partners')!;
    for (let i = 0; i < Math.max(typed.ines.length, typed.theo.length); i++) {
      if (i < typed.ines.length) inesText.insert(i, typed.ines[i]!);
      if (i < typed.theo.length) theoText.insert(i, typed.theo[i]!);
    }
    setSheetScale(theo.doc, marked.id, 'impact', 4);
    const both = (doc: Client['doc']) => {
      const text = readSheet(doc, marked.id)?.texts['partners'] ?? '';
      return text.includes('Conseil départemental') && text.includes('Médiathèque de Saint-Céré');
    };
    await waitFor(() => both(ines.doc) && both(theo.doc), 'both words on both sides');
    await waitFor(() => readSheet(ines.doc, marked.id)?.scales['impact'] === 4, 'the scale on Inès\'s side');
    expect(readSheet(theo.doc, marked.id)).toEqual(readSheet(ines.doc, marked.id));
    expect(readSheet(server.rooms.get(session.id, group.id)!.doc, marked.id)).toEqual(readSheet(ines.doc, marked.id));
  });

  it('S2 two participants opening the same sheet at the same instant and typing at once both keep their words', async () => {
    const group = session.groups[0]!;
    const ines = open(group.id, group.token);
    const theo = open(group.id, group.token);
    await Promise.all([synced(ines), synced(theo)]);
    const marked = markKeyIdea(ines.doc, { text: 'Un numéro unique pour les aidants' }, 2);
    if (!marked.ok) throw new Error('mark refused');
    await waitFor(() => readKeyIdeas(theo.doc).some((idea) => idea.id === marked.id), 'the key idea reaches Théo');

    // In the same turn of the event loop, so neither can have heard of the other's sheet: both
    // open it, then type into a standard field and into a field added to the template since.
    const typed = {
      ines: { partners: 'Conseil départemental\n', budget: 'Fonds social européen ' },
      theo: { partners: 'Médiathèque de Saint-Céré\n', budget: 'CAF ' },
    };
    expect(readSheet(theo.doc, marked.id)).toBeNull();
    openSheet(ines.doc, marked.id, DEFAULT_SHEET_FIELDS);
    openSheet(theo.doc, marked.id, DEFAULT_SHEET_FIELDS);
    for (const field of ['partners', 'budget'] as const) {
      const inesText = ensureSheetText(ines.doc, marked.id, field)!;
      const theoText = ensureSheetText(theo.doc, marked.id, field)!;
      for (let i = 0; i < Math.max(typed.ines[field].length, typed.theo[field].length); i++) {
        if (i < typed.ines[field].length) inesText.insert(i, typed.ines[field][i]!);
        if (i < typed.theo[field].length) theoText.insert(i, typed.theo[field][i]!);
      }
    }
    const everyWord = (doc: Client['doc']) => {
      const texts = readSheet(doc, marked.id)?.texts ?? {};
      return Object.values(typed).every((words) => Object.entries(words).every(([field, words]) => (texts[field] ?? '').includes(words.trim())));
    };
    const room = server.rooms.get(session.id, group.id)!;
    await waitFor(() => everyWord(ines.doc) && everyWord(theo.doc) && everyWord(room.doc), 'every word on both sides and on the server');
    expect(readSheet(theo.doc, marked.id)).toEqual(readSheet(ines.doc, marked.id));
    expect(readSheet(room.doc, marked.id)).toEqual(readSheet(ines.doc, marked.id));
    expect(readSheets(ines.doc).filter((sheet) => sheet.keyIdeaId === marked.id)).toHaveLength(1);

    // A client joining later, from the room's stored state, reads the same sheet.
    const late = open(group.id, group.token);
    await synced(late);
    expect(readSheet(late.doc, marked.id)).toEqual(readSheet(ines.doc, marked.id));

    // The archive carries the named texts: exported, imported as a new session, read the same.
    await handled(server, ines, session.id, group.id);
    await server.rooms.drain();
    const exported = await api<unknown>(server, 'GET', `/api/sessions/${session.id}/export.json`, { token: session.facilitatorToken });
    expect(exported.status).toBe(200);
    const imported = await api<CreateSessionResponse>(server, 'POST', '/api/sessions/import', { body: exported.body });
    expect(imported.status).toBe(201);
    const restored = connect(server, imported.body.id, group.id, imported.body.groups[0]!.token);
    clients.push(restored);
    await synced(restored);
    expect(readSheet(restored.doc, marked.id)).toEqual(readSheet(ines.doc, marked.id));
  });

  it('R11c a hostile client cannot make a sheet\'s fields read empty: the server puts the sheet back, every word kept', async () => {
    const group = session.groups[2]!;
    const ines = open(group.id, group.token);
    const mallory = open(group.id, group.token);
    await Promise.all([synced(ines), synced(mallory)]);
    const marked = markKeyIdea(ines.doc, { text: 'Un annuaire partagé des aidants' }, 2);
    if (!marked.ok) throw new Error('mark refused');
    const id = marked.id;
    openSheet(ines.doc, id, DEFAULT_SHEET_FIELDS, { createdAt: 1_700_000_000_000 });
    setSheetText(ines.doc, id, 'partners', 'Conseil départemental\nCAF et CPAM');
    setSheetText(ines.doc, id, 'stakes', 'Les structures se connaissent mal');
    const room = () => server.rooms.get(session.id, group.id)!.doc;
    await waitFor(() => readSheet(mallory.doc, id)?.texts['stakes'] === 'Les structures se connaissent mal' && readSheet(room(), id)?.texts['partners'] !== undefined, 'the sheet everywhere');

    /** Whether the server has applied everything Mallory's replica wrote. */
    const applied = () => (Y.decodeStateVector(Y.encodeStateVector(room())).get(mallory.doc.clientID) ?? 0) === (Y.decodeStateVector(Y.encodeStateVector(mallory.doc)).get(mallory.doc.clientID) ?? 0);
    const intact = (doc: Y.Doc) => {
      const sheet = readSheet(doc, id);
      return sheet?.texts['partners'] === 'Conseil départemental\nCAF et CPAM' && sheet.texts['stakes'] === 'Les structures se connaissent mal';
    };

    // 1. A first-layout sheet map whose nested texts are empty (and one holds Mallory's words
    // for a field nobody wrote yet): on every reader the nested texts win over the fields' texts.
    mallory.doc.transact(() => {
      const sheet = new Y.Map<unknown>();
      const texts = new Y.Map<unknown>();
      sheet.set('createdAt', 1);
      sheet.set('texts', texts);
      texts.set('partners', new Y.Text());
      texts.set('stakes', new Y.Text());
      texts.set('drivers', new Y.Text('Les maires'));
      mallory.doc.getMap('sheets').set(id, sheet);
    });
    await waitFor(applied, 'the server to apply the hostile update');
    await waitFor(() => intact(room()) && intact(ines.doc) && intact(mallory.doc), 'every field read back everywhere', 3_000);
    expect(readSheet(room(), id)).toMatchObject({ createdAt: 1_700_000_000_000, texts: { drivers: 'Les maires' } });

    // 2. Something that is no sheet at all under its key (the sheet vanished from every page).
    mallory.doc.getMap('sheets').set(id, 'rien');
    await waitFor(applied, 'the server to apply the second hostile update');
    await waitFor(() => intact(room()) && intact(ines.doc) && readSheets(ines.doc).some((s) => s.keyIdeaId === id), 'the sheet back everywhere', 3_000);

    // 3. Another type under a field's top-level name hides nothing (the name takes the type its reader asks for).
    mallory.doc.getMap(sheetTextName(id, 'indicators')).set('x', 'y');
    await waitFor(applied, 'the server to apply the third hostile update');
    setSheetText(ines.doc, id, 'indicators', 'Nombre de démarches accompagnées');
    await waitFor(() => readSheet(room(), id)?.texts['indicators'] === 'Nombre de démarches accompagnées', 'the field written through it');

    // A late reader and the compte-rendu get the whole sheet.
    const late = open(group.id, session.facilitatorToken);
    await synced(late);
    expect(intact(late.doc)).toBe(true);
    const md = await fetch(`${server.url}/api/sessions/${session.id}/export.md`, { headers: { authorization: `Bearer ${session.facilitatorToken}` } });
    const text = await md.text();
    expect(text).toContain('CAF et CPAM');
    expect(text).toContain('Les structures se connaissent mal');
  });

  it('a locked group writes nothing into its sheets; the facilitator still does', async () => {
    const group = session.groups[1]!;
    const writer = open(group.id, group.token);
    const facilitator = open(group.id, session.facilitatorToken);
    await Promise.all([synced(writer), synced(facilitator)]);
    const marked = markKeyIdea(writer.doc, { text: 'Former les aidants' }, 2);
    if (!marked.ok) throw new Error('mark refused');
    openSheet(writer.doc, marked.id, DEFAULT_SHEET_FIELDS);
    await waitFor(() => readSheet(facilitator.doc, marked.id) !== null, 'the sheet reaches the facilitator');
    await api(server, 'POST', `/api/sessions/${session.id}/lock`, { token: session.facilitatorToken, body: { groups: [group.id], locked: true } });
    setSheetText(writer.doc, marked.id, 'stakes', 'écrit pendant le verrou');
    await handled(server, writer, session.id, group.id);
    expect(readSheet(server.rooms.get(session.id, group.id)!.doc, marked.id)?.texts['stakes'] ?? '').toBe('');
    setSheetText(facilitator.doc, marked.id, 'conditions', 'Un financement sur trois ans');
    await waitFor(() => readSheet(server.rooms.get(session.id, group.id)!.doc, marked.id)?.texts['conditions'] === 'Un financement sur trois ans', 'the facilitator writes');
  });

  it('S1 only the facilitator changes the session\'s sheet template; every group page sees it live', async () => {
    const group = session.groups[0]!;
    const facilitator = open('plenary', session.facilitatorToken);
    const participant = open('plenary', group.token);
    await Promise.all([synced(facilitator), synced(participant)]);
    addSheetField(participant.doc, { label: 'Champ d’un participant', kind: 'text' });
    await handled(server, participant, session.id, 'plenary');
    addSheetField(facilitator.doc, { label: 'Budget et financeurs', kind: 'text' });
    await waitFor(() => readSheetTemplate(participant.doc).some((f) => f.label === 'Budget et financeurs'), 'the added field reaches the participant');
    const onServer = readSheetTemplate(server.rooms.get(session.id, 'plenary')!.doc).filter((f) => !f.standard).map((f) => f.label);
    expect(onServer).toEqual(['Budget et financeurs']);
  });
});
