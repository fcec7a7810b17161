import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { initPlenary, plenaryIdeaId, pushKeyIdeas, readPlenary } from './plenary.js';
import { PLENARY_TYPES, getPlenaryGroupsMap, getThemesArray } from './schema.js';
import {
  addIdeaToTheme,
  createTheme,
  deleteTheme,
  getThemeLabel,
  getThemeSynthesis,
  moveTheme,
  removeIdeaFromTheme,
  renameTheme,
  setThemeSynthesis,
} from './themes.js';
import { sync, updatesDuring } from '../test/docKit.js';

const GROUPS = [
  { id: 'groupe-1', name: 'Groupe 1' },
  { id: 'groupe-2', name: 'Groupe 2' },
  { id: 'salle-principale', name: 'Salle principale' },
];

/** Groupe 1 pushed k1, k2; groupe 2 pushed k1; themes t1 (holding groupe-1:k1) and t2. */
function plenary(): Y.Doc {
  const doc = new Y.Doc();
  initPlenary(doc);
  pushKeyIdeas(doc, {
    groupId: 'groupe-1',
    name: 'Groupe 1',
    pushedAt: 1000,
    keyIdeas: [
      { id: 'k1', text: 'Pistes cyclables' },
      { id: 'k2', text: 'Bus le dimanche' },
    ],
  });
  pushKeyIdeas(doc, {
    groupId: 'groupe-2',
    name: 'Groupe 2',
    pushedAt: 2000,
    keyIdeas: [{ id: 'k1', text: 'Gratuité' }],
  });
  createTheme(doc, { id: 't1', label: 'Mobilité' });
  createTheme(doc, { id: 't2', label: 'Prix' });
  addIdeaToTheme(doc, 't1', 'groupe-1:k1');
  return doc;
}

describe('initPlenary', () => {
  it('R20 stamps schema 1 and kind plenary, idempotently', () => {
    const doc = new Y.Doc();
    initPlenary(doc);
    expect(doc.getMap(PLENARY_TYPES.meta).toJSON()).toEqual({ schema: 1, kind: 'plenary' });
    expect(updatesDuring(doc, () => initPlenary(doc))).toBe(0);
  });
});

describe('pushKeyIdeas and readPlenary', () => {
  it('R19 lists every session group in order, with null pushedAt for groups that never pushed', () => {
    expect(readPlenary(plenary(), GROUPS)).toEqual({
      groups: [
        {
          id: 'groupe-1',
          name: 'Groupe 1',
          pushedAt: 1000,
          keyIdeas: [
            { id: 'groupe-1:k1', text: 'Pistes cyclables' },
            { id: 'groupe-1:k2', text: 'Bus le dimanche' },
          ],
        },
        { id: 'groupe-2', name: 'Groupe 2', pushedAt: 2000, keyIdeas: [{ id: 'groupe-2:k1', text: 'Gratuité' }] },
        { id: 'salle-principale', name: 'Salle principale', pushedAt: null, keyIdeas: [] },
      ],
      themes: [
        { id: 't1', label: 'Mobilité', ideaIds: ['groupe-1:k1'], synthesis: '' },
        { id: 't2', label: 'Prix', ideaIds: [], synthesis: '' },
      ],
    });
    expect(plenaryIdeaId('g', 'k')).toBe('g:k');
  });

  it('R17 a push replaces the group entry; themes keep ideas whose id survives', () => {
    const doc = plenary();
    addIdeaToTheme(doc, 't2', 'groupe-1:k2');
    expect(
      updatesDuring(doc, () =>
        pushKeyIdeas(doc, {
          groupId: 'groupe-1',
          name: 'Groupe 1',
          pushedAt: 3000,
          keyIdeas: [
            { id: 'k1', text: 'Pistes cyclables sûres' },
            { id: 'k3', text: 'Navettes' },
            { id: 'k3', text: 'duplicate id, ignored' },
          ],
        }),
      ),
    ).toBe(1);
    const read = readPlenary(doc, GROUPS);
    expect(read.groups[0]).toEqual({
      id: 'groupe-1',
      name: 'Groupe 1',
      pushedAt: 3000,
      keyIdeas: [
        { id: 'groupe-1:k1', text: 'Pistes cyclables sûres' },
        { id: 'groupe-1:k3', text: 'Navettes' },
      ],
    });
    expect(read.groups[1]?.pushedAt).toBe(2000);
    expect(read.themes.map((theme) => theme.ideaIds)).toEqual([['groupe-1:k1'], []]);
    // The idea comes back in its theme if the group pushes it again.
    pushKeyIdeas(doc, { groupId: 'groupe-1', name: 'Groupe 1', pushedAt: 4000, keyIdeas: [{ id: 'k2', text: 'Bus' }] });
    expect(readPlenary(doc, GROUPS).themes.map((theme) => theme.ideaIds)).toEqual([[], ['groupe-1:k2']]);
  });

  it('names groups as the session does, ignoring groups it does not list', () => {
    const read = readPlenary(plenary(), [{ id: 'groupe-2', name: 'Renamed' }]);
    expect(read.groups).toEqual([
      { id: 'groupe-2', name: 'Renamed', pushedAt: 2000, keyIdeas: [{ id: 'groupe-2:k1', text: 'Gratuité' }] },
    ]);
    expect(read.themes[0]?.ideaIds).toEqual([]);
  });

  it('R5 tolerates garbage in every part of the plenary document', () => {
    const doc = plenary();
    const groups = getPlenaryGroupsMap(doc);
    groups.set('groupe-2', 'not a map');
    const broken = new Y.Map<unknown>();
    groups.set('salle-principale', broken);
    broken.set('pushedAt', Number.NaN);
    broken.set('keyIdeas', new Y.Array());
    const ideas = broken.get('keyIdeas') as Y.Array<unknown>;
    const idea = (fields: Record<string, unknown>): Y.Map<unknown> => {
      const map = new Y.Map<unknown>();
      ideas.push([map]);
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
      return map;
    };
    ideas.push([1, 'idea', null, new Y.Array(), { id: 'plain object' }]);
    idea({ text: 'no id' });
    idea({ id: 42, text: 'numeric id' });
    idea({ id: 'salle:a', text: new Y.Text('a Y.Text is read too') });
    idea({ id: 'salle:a', text: 'duplicate' });
    idea({ id: 'groupe-1:k1', text: 'steals an id of another group' });
    idea({ id: 'salle:b', text: 7 });
    const themes = getThemesArray(doc);
    themes.push(['theme?', 3, new Y.Text('x')]);
    const theme = (fields: Record<string, unknown>): void => {
      const map = new Y.Map<unknown>();
      themes.push([map]);
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
    };
    theme({ label: 'no id' });
    theme({ id: 't1', label: 'duplicate theme id' });
    theme({ id: 't3', label: 5, ideaIds: 'groupe-1:k2', synthesis: new Y.Map() });
    const mixed = Y.Array.from<string | number | null>([1, null, 'groupe-1:k1', 'salle:b', 'salle:b', 'unknown:x']);
    theme({ id: 't4', ideaIds: mixed });
    const read = readPlenary(doc, GROUPS);
    expect(read.groups).toEqual([
      {
        id: 'groupe-1',
        name: 'Groupe 1',
        pushedAt: 1000,
        keyIdeas: [
          { id: 'groupe-1:k1', text: 'Pistes cyclables' },
          { id: 'groupe-1:k2', text: 'Bus le dimanche' },
        ],
      },
      { id: 'groupe-2', name: 'Groupe 2', pushedAt: null, keyIdeas: [] },
      {
        id: 'salle-principale',
        name: 'Salle principale',
        pushedAt: null,
        keyIdeas: [
          { id: 'salle:a', text: 'a Y.Text is read too' },
          { id: 'salle:b', text: '' },
        ],
      },
    ]);
    expect(read.themes).toEqual([
      { id: 't1', label: 'Mobilité', ideaIds: ['groupe-1:k1'], synthesis: '' },
      { id: 't2', label: 'Prix', ideaIds: [], synthesis: '' },
      { id: 't3', label: '', ideaIds: [], synthesis: '' },
      { id: 't4', label: '', ideaIds: ['salle:b'], synthesis: '' },
    ]);
    expect(JSON.parse(JSON.stringify(read))).toEqual(read);
    // Operations on the garbage do not throw either.
    expect(addIdeaToTheme(doc, 't3', 'salle:a')).toBe(true);
    expect(readPlenary(doc, GROUPS).themes[2]?.ideaIds).toEqual(['salle:a']);
    expect(renameTheme(doc, 't3', 'Repaired')).toBe(true);
    expect(setThemeSynthesis(doc, 't3', 'Fixed')).toBe(true);
    expect(moveTheme(doc, 't4', 0)).toBe(true);
    expect(readPlenary(doc, GROUPS).themes.map((t) => [t.id, t.label, t.synthesis])).toEqual([
      ['t4', '', ''],
      ['t1', 'Mobilité', ''],
      ['t2', 'Prix', ''],
      ['t3', 'Repaired', 'Fixed'],
    ]);
    expect(deleteTheme(doc, 't1')).toBe(true);
    expect(readPlenary(doc, GROUPS).themes.map((t) => t.id)).toEqual(['t4', 't2', 't3']);
  });

  it('R5 reads an empty plenary from a blank document or wrong top-level kinds', () => {
    expect(readPlenary(new Y.Doc(), GROUPS).themes).toEqual([]);
    const writer = new Y.Doc();
    writer.getArray('groups').push([1]);
    writer.getMap('themes').set('t', new Y.Map());
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
    const read = readPlenary(doc, GROUPS);
    expect(read.themes).toEqual([]);
    expect(read.groups.every((group) => group.pushedAt === null && group.keyIdeas.length === 0)).toBe(true);
    const local = new Y.Doc();
    local.getText('groups');
    local.getText('themes');
    expect(readPlenary(local, GROUPS).groups).toHaveLength(3);
  });
});

describe('themes', () => {
  it('create, rename and set the synthesis with editable Y.Texts', () => {
    const doc = plenary();
    const id = createTheme(doc, { label: 'Santé' });
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(renameTheme(doc, id, 'Santé publique')).toBe(true);
    expect(setThemeSynthesis(doc, id, 'Les groupes demandent…')).toBe(true);
    expect(getThemeLabel(doc, id)?.toString()).toBe('Santé publique');
    expect(getThemeSynthesis(doc, id)?.toString()).toBe('Les groupes demandent…');
    expect(readPlenary(doc, GROUPS).themes[2]).toEqual({
      id,
      label: 'Santé publique',
      ideaIds: [],
      synthesis: 'Les groupes demandent…',
    });
  });

  it('R18 an idea belongs to at most one theme: adding it elsewhere moves it', () => {
    const doc = plenary();
    expect(updatesDuring(doc, () => addIdeaToTheme(doc, 't2', 'groupe-1:k1'))).toBe(1);
    expect(readPlenary(doc, GROUPS).themes.map((theme) => theme.ideaIds)).toEqual([[], ['groupe-1:k1']]);
    expect(updatesDuring(doc, () => addIdeaToTheme(doc, 't2', 'groupe-1:k1'))).toBe(0);
    addIdeaToTheme(doc, 't2', 'groupe-2:k1');
    expect(readPlenary(doc, GROUPS).themes[1]?.ideaIds).toEqual(['groupe-1:k1', 'groupe-2:k1']);
  });

  it('R18 concurrent adds to two themes read as one theme, the first', () => {
    const a = plenary();
    const b = new Y.Doc();
    sync(a, b);
    addIdeaToTheme(a, 't2', 'groupe-1:k2');
    addIdeaToTheme(b, 't1', 'groupe-1:k2');
    sync(a, b);
    const read = readPlenary(a, GROUPS);
    expect(read.themes.map((theme) => theme.ideaIds)).toEqual([['groupe-1:k1', 'groupe-1:k2'], []]);
    expect(readPlenary(b, GROUPS)).toEqual(read);
    // The next add settles the document itself.
    addIdeaToTheme(a, 't2', 'groupe-1:k2');
    expect(readPlenary(a, GROUPS).themes.map((theme) => theme.ideaIds)).toEqual([['groupe-1:k1'], ['groupe-1:k2']]);
  });

  it('R18 concurrent adds of one idea to the same theme read once', () => {
    const a = plenary();
    const b = new Y.Doc();
    sync(a, b);
    addIdeaToTheme(a, 't2', 'groupe-2:k1');
    addIdeaToTheme(b, 't2', 'groupe-2:k1');
    sync(a, b);
    expect(readPlenary(a, GROUPS).themes[1]?.ideaIds).toEqual(['groupe-2:k1']);
    expect(removeIdeaFromTheme(a, 't2', 'groupe-2:k1')).toBe(true);
    expect(readPlenary(a, GROUPS).themes[1]?.ideaIds).toEqual([]);
  });

  it('removes an idea from a theme', () => {
    const doc = plenary();
    expect(removeIdeaFromTheme(doc, 't1', 'groupe-1:k1')).toBe(true);
    expect(readPlenary(doc, GROUPS).themes[0]?.ideaIds).toEqual([]);
    expect(removeIdeaFromTheme(doc, 't1', 'groupe-1:k1')).toBe(false);
  });

  it('R15 moves a theme with its label, ideas and synthesis', () => {
    const doc = plenary();
    setThemeSynthesis(doc, 't1', 'Synthèse');
    createTheme(doc, { id: 't3', label: 'Divers' });
    expect(moveTheme(doc, 't1', 2)).toBe(true);
    const themes = readPlenary(doc, GROUPS).themes;
    expect(themes.map((theme) => theme.id)).toEqual(['t2', 't3', 't1']);
    expect(themes[2]).toEqual({ id: 't1', label: 'Mobilité', ideaIds: ['groupe-1:k1'], synthesis: 'Synthèse' });
    expect(updatesDuring(doc, () => moveTheme(doc, 't1', 2))).toBe(0);
  });

  it('deleting a theme keeps its ideas pushed', () => {
    const doc = plenary();
    expect(deleteTheme(doc, 't1')).toBe(true);
    const read = readPlenary(doc, GROUPS);
    expect(read.themes.map((theme) => theme.id)).toEqual(['t2']);
    expect(read.groups[0]?.keyIdeas).toHaveLength(2);
  });

  describe('R1 every plenary operation is one transaction and emits one update', () => {
    const cases: [string, (doc: Y.Doc) => unknown][] = [
      ['pushKeyIdeas', (doc) => pushKeyIdeas(doc, { groupId: 'g', name: 'G', pushedAt: 1, keyIdeas: [] })],
      ['createTheme', (doc) => createTheme(doc, { label: 'x' })],
      ['renameTheme', (doc) => renameTheme(doc, 't1', 'Transports')],
      ['setThemeSynthesis', (doc) => setThemeSynthesis(doc, 't1', 'Synthèse')],
      ['addIdeaToTheme', (doc) => addIdeaToTheme(doc, 't2', 'groupe-1:k1')],
      ['removeIdeaFromTheme', (doc) => removeIdeaFromTheme(doc, 't1', 'groupe-1:k1')],
      ['moveTheme', (doc) => moveTheme(doc, 't2', 0)],
      ['deleteTheme', (doc) => deleteTheme(doc, 't1')],
    ];
    for (const [name, run] of cases) {
      it(name, () => {
        const doc = plenary();
        let transactions = 0;
        doc.on('afterTransaction', () => transactions++);
        expect(updatesDuring(doc, () => run(doc))).toBe(1);
        expect(transactions).toBe(1);
      });
    }

    it('passes the origin through', () => {
      const doc = plenary();
      const origin = 'facilitator';
      const origins: unknown[] = [];
      doc.on('update', (_update: Uint8Array, seen: unknown) => origins.push(seen));
      pushKeyIdeas(doc, { groupId: 'g', name: 'G', pushedAt: 1, keyIdeas: [] }, origin);
      createTheme(doc, { id: 't3', label: 'x' }, origin);
      renameTheme(doc, 't3', 'y', origin);
      setThemeSynthesis(doc, 't3', 'z', origin);
      addIdeaToTheme(doc, 't3', 'groupe-1:k2', origin);
      removeIdeaFromTheme(doc, 't3', 'groupe-1:k2', origin);
      moveTheme(doc, 't3', 0, origin);
      deleteTheme(doc, 't3', origin);
      expect(origins).toEqual(Array(8).fill(origin));
    });
  });

  describe('R2 theme operations on a missing id return false and write nothing', () => {
    const cases: [string, (doc: Y.Doc) => unknown][] = [
      ['renameTheme', (doc) => renameTheme(doc, 'missing', 'x')],
      ['setThemeSynthesis', (doc) => setThemeSynthesis(doc, 'missing', 'x')],
      ['addIdeaToTheme with a missing theme', (doc) => addIdeaToTheme(doc, 'missing', 'groupe-1:k1')],
      ['addIdeaToTheme with an unknown idea', (doc) => addIdeaToTheme(doc, 't1', 'groupe-9:k1')],
      ['removeIdeaFromTheme', (doc) => removeIdeaFromTheme(doc, 'missing', 'groupe-1:k1')],
      ['moveTheme', (doc) => moveTheme(doc, 'missing', 0)],
      ['deleteTheme', (doc) => deleteTheme(doc, 'missing')],
    ];
    for (const [name, run] of cases) {
      it(name, () => {
        const doc = plenary();
        let result: unknown;
        expect(updatesDuring(doc, () => (result = run(doc)))).toBe(0);
        expect(result).toBe(false);
      });
    }

    it('getThemeLabel and getThemeSynthesis', () => {
      expect(getThemeLabel(plenary(), 'missing')).toBeNull();
      expect(getThemeSynthesis(plenary(), 'missing')).toBeNull();
    });
  });
});
