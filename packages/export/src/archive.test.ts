import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createNote, initBoard, readPlenary, readSheets, readSheetTemplate, snapshotBoard } from '@concerto/board';
import { buildSampleSession } from './fixtures/sampleSession.js';
import { buildArchive, parseArchive, parseArchiveText, renderJson } from './index.js';
import type { ConcertoArchive, SessionContent } from './index.js';

const AT = Date.UTC(2024, 8, 18, 16, 0);

function restore(archive: unknown): SessionContent {
  const parsed = parseArchive(archive);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { session: { ...parsed.value.session, id: 'restored' }, rooms: parsed.value.rooms };
}

describe('JSON archive', () => {
  const content = buildSampleSession({ groups: 10, notesPerGroup: 12, votes: true });
  const archive = JSON.parse(renderJson(content, { exportedAt: AT })) as ConcertoArchive;

  it('holds the session record and every room as a Yjs state with a readable snapshot', () => {
    expect(archive).toMatchObject({ format: 'concerto-archive', version: 1, exportedAt: '2024-09-18T16:00:00.000Z' });
    expect(archive.session).toEqual(content.session);
    expect(Object.keys(archive.rooms)).toEqual([...content.session.groups.map((g) => g.id), 'plenary']);
    for (const group of content.session.groups) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(archive.rooms[group.id]!.state, 'base64'));
      expect(archive.rooms[group.id]!.snapshot).toEqual({ ...snapshotBoard(doc), sheets: readSheets(doc) });
      expect(snapshotBoard(doc).notes).toHaveLength(12);
    }
    const plenary = new Y.Doc();
    Y.applyUpdate(plenary, Buffer.from(archive.rooms['plenary']!.state, 'base64'));
    expect(archive.rooms['plenary']!.snapshot).toEqual({ ...readPlenary(plenary, content.session.groups), sheetTemplate: readSheetTemplate(plenary) });
    // lossless: the votes map, which no snapshot shows, is in the state
    expect(plenary.getMap('votes').size).toBeGreaterThan(0);
  });

  it('round-trips: export → import → export gives the same content', () => {
    const again = buildArchive(restore(archive), { exportedAt: AT });
    expect(again.session).toEqual({ ...archive.session, id: 'restored' });
    for (const [name, room] of Object.entries(archive.rooms)) expect(again.rooms[name]!.snapshot, name).toEqual(room.snapshot);
    expect(again.rooms).toEqual(archive.rooms);
  });

  it('keeps what a session carried over from its programme, through export and import', () => {
    const carriedOver = [{
      title: 'Axe 1 – Équiper et accompagner les publics',
      votes: 9,
      byTerritory: [{ territory: 'NORD', votes: 5 }, { territory: 'SUD', votes: 4 }],
      source: { programmeId: 'prog', themes: [
        { sessionId: 'nord', territory: 'NORD', themeId: 't1', label: 'Accompagner les publics', votes: 5 },
        { sessionId: 'sud', territory: 'SUD', themeId: 't2', label: 'Équiper les publics', votes: 4 },
      ] },
      groupId: content.session.groups[0]!.id,
    }];
    const withCarry = buildArchive({ ...content, session: { ...content.session, carriedOver } }, { exportedAt: AT });
    expect(withCarry.session.carriedOver).toEqual(carriedOver);
    expect(restore(JSON.parse(JSON.stringify(withCarry))).session.carriedOver).toEqual(carriedOver);
    // A malformed one makes the archive unsound rather than half read.
    expect(parseArchive({ ...withCarry, session: { ...withCarry.session, carriedOver: [{ title: 1 }] } }).ok).toBe(false);
  });

  it('reads an archive whose rooms are partly missing (groups nobody opened)', () => {
    const partial = { ...archive, rooms: { 'groupe-1': archive.rooms['groupe-1'] } };
    const parsed = parseArchive(partial);
    expect(parsed.ok && Object.keys(parsed.value.rooms)).toEqual(['groupe-1']);
  });
});

describe('parseArchive refuses what is not a sound archive', () => {
  const archive = JSON.parse(renderJson(buildSampleSession({ groups: 2, notesPerGroup: 3 }), { exportedAt: AT })) as ConcertoArchive;
  const room = archive.rooms['groupe-1']!;
  const withRoom = (state: string, name = 'groupe-1') => ({ ...archive, rooms: { ...archive.rooms, [name]: { ...room, state } } });
  const truncated = (() => {
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'groupe-1', name: 'Groupe 1' });
    const before = Y.encodeStateVector(doc);
    createNote(doc, { text: 'plus tard', x: 0, y: 0, author: 'A' });
    return Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64'); // depends on changes it lacks
  })();

  const cases: [string, unknown, string, RegExp][] = [
    ['text that is not JSON', '{"format":', 'bad-archive', /JSON/],
    ['another format', { ...archive, format: 'other' }, 'bad-archive', /format/],
    ['a later version', { ...archive, version: 2 }, 'unsupported-version', /version 2/],
    ['a missing session', { ...archive, session: undefined }, 'bad-archive', /session/],
    ['a bad key-idea limit', { ...archive, session: { ...archive.session, keyIdeaLimit: 0 } }, 'bad-archive', /keyIdeaLimit/],
    ['a group id that is not a room name', { ...archive, session: { ...archive.session, groups: [{ id: '../x', name: 'X' }] } }, 'bad-archive', /groups/],
    ['a group called plenary', { ...archive, session: { ...archive.session, groups: [{ id: 'plenary', name: 'X' }] } }, 'bad-archive', /plenary/],
    ['two groups with one id', { ...archive, session: { ...archive.session, groups: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] }, rooms: {} }, 'bad-archive', /twice/],
    ['too many groups', { ...archive, session: { ...archive.session, groups: Array.from({ length: 61 }, (_, i) => ({ id: `g${i}`, name: `G${i}` })) } }, 'bad-archive', /groups/],
    ['a room of no group', withRoom(room.state, 'groupe-42'), 'bad-archive', /no group/],
    ['a state that is not base64', withRoom('***'), 'bad-archive', /base64/],
    ['a state that is not Yjs', withRoom(Buffer.from('bonjour tout le monde').toString('base64')), 'bad-archive', /Yjs/],
    ['a partial state', withRoom(truncated), 'bad-archive', /complete/],
    ['huge settings', { ...archive, session: { ...archive.session, settings: { x: 'y'.repeat(70_000) } } }, 'too-large', /settings/],
  ];
  it.each(cases)('%s', (_name, input, code, message) => {
    const result = typeof input === 'string' ? parseArchiveText(input) : parseArchive(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
  });

  it('bounds a room\'s size before decoding it', () => {
    const result = parseArchive(archive, { maxRoomBytes: 64 });
    expect(result.ok || result.error.code).toBe('too-large');
  });

  it('never throws, whatever it is given', () => {
    for (const input of [null, 42, 'x', [], { format: 'concerto-archive' }, { format: 'concerto-archive', version: 1, rooms: { a: null } }]) {
      expect(() => parseArchive(input)).not.toThrow();
      expect(parseArchive(input).ok).toBe(false);
    }
  });
});
