import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { createClusterFromNotes } from './clusters.js';
import { markKeyIdea, moveKeyIdea, unmarkKeyIdea } from './keyIdeas.js';
import { createNote } from './notes.js';
import {
  DEFAULT_SHEET_FIELDS,
  SHEETS_MAP,
  SHEET_FIELDS_ARRAY,
  SHEET_LABELS_MAP,
  addSheetField,
  ensureSheetText,
  getSheetText,
  listItems,
  openSheet,
  readSheet,
  readSheetTemplate,
  readSheets,
  removeSheet,
  renameSheetField,
  setSheetScale,
  setSheetText,
  sheetSourceNotes,
} from './sheets.js';
import { sync, updatesDuring } from '../test/docKit.js';

/** A group board with two key ideas: one from a cluster of two notes, one typed by the group. */
function board(): Y.Doc {
  const doc = new Y.Doc();
  createNote(doc, { id: 'n1', text: 'Médiateurs dans les mairies', x: 0, y: 0, author: 'Inès', createdAt: 1 });
  createNote(doc, { id: 'n2', text: 'Permanences itinérantes', x: 0, y: 0, author: 'Théo', createdAt: 2 });
  createNote(doc, { id: 'n3', text: 'Sans rapport', x: 0, y: 0, author: 'Théo', createdAt: 3 });
  createClusterFromNotes(doc, ['n1', 'n2'], { id: 'c1', label: 'Aller vers' });
  markKeyIdea(doc, { clusterId: 'c1' }, 3, { id: 'k1' });
  markKeyIdea(doc, { text: 'Former les aidants' }, 3, { id: 'k2' });
  return doc;
}

describe('S1 the template is the standard fields, then the added ones', () => {
  it('reads the nine standard fields of the paper sheet on an empty plenary', () => {
    const template = readSheetTemplate(new Y.Doc());
    expect(template.map((f) => f.id)).toEqual(DEFAULT_SHEET_FIELDS.map((f) => f.id));
    expect(template.every((f) => f.standard && f.label === '')).toBe(true);
    expect(template.filter((f) => f.kind === 'scale').map((f) => f.id)).toEqual(['feasibility', 'impact']);
  });

  it('adds a field after the others and renames fields, one line, in one transaction each', () => {
    const plenary = new Y.Doc();
    let id = '';
    expect(updatesDuring(plenary, () => {
      id = addSheetField(plenary, { label: '  Budget\nestimé ', kind: 'list' });
    })).toBe(1);
    expect(renameSheetField(plenary, 'partners', 'Partenaires financeurs')).toBe(true);
    const template = readSheetTemplate(plenary);
    expect(template.at(-1)).toEqual({ id, kind: 'list', label: 'Budget estimé', standard: false });
    expect(template.find((f) => f.id === 'partners')?.label).toBe('Partenaires financeurs');
    // R3: the same label writes nothing; '' gives the standard wording back.
    expect(updatesDuring(plenary, () => renameSheetField(plenary, 'partners', 'Partenaires financeurs'))).toBe(0);
    renameSheetField(plenary, 'partners', '');
    expect(readSheetTemplate(plenary).find((f) => f.id === 'partners')?.label).toBe('');
  });

  it('R2 R5 refuses an unknown field and skips what another client wrote wrong', () => {
    const plenary = new Y.Doc();
    expect(renameSheetField(plenary, 'nope', 'x')).toBe(false);
    plenary.getArray(SHEET_FIELDS_ARRAY).push([
      { id: '', kind: 'text' },
      { id: 'stakes', kind: 'list' },
      { id: 'x1', kind: 'wat' },
      { id: 'x1', kind: 'list' },
      42,
      new Y.Map(),
    ]);
    plenary.getMap(SHEET_LABELS_MAP).set('x1', 7);
    const added = readSheetTemplate(plenary).filter((f) => !f.standard);
    expect(added).toEqual([{ id: 'x1', kind: 'text', label: '', standard: false }]);
    expect(readSheetTemplate(plenary).find((f) => f.id === 'stakes')?.kind).toBe('text');
  });
});

describe('S2 one sheet per key idea, opened once', () => {
  it('opens with an empty shared text per text or list field, and refuses an unknown idea', () => {
    const doc = board();
    expect(openSheet(doc, 'missing', DEFAULT_SHEET_FIELDS)).toBe(false);
    expect(updatesDuring(doc, () => openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 5 }))).toBe(1);
    const sheet = readSheet(doc, 'k1')!;
    expect(Object.keys(sheet.texts)).toEqual(DEFAULT_SHEET_FIELDS.filter((f) => f.kind !== 'scale').map((f) => f.id).sort());
    expect(sheet).toMatchObject({ title: 'Aller vers', orphan: false, createdAt: 5, scales: {} });
    expect(getSheetText(doc, 'k1', 'stakes')).toBeInstanceOf(Y.Text);
  });

  it('R3 keeps an existing sheet untouched', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    setSheetText(doc, 'k1', 'stakes', 'Réduire la fracture');
    expect(updatesDuring(doc, () => expect(openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS)).toBe(true))).toBe(0);
    expect(readSheet(doc, 'k1')?.texts['stakes']).toBe('Réduire la fracture');
  });

  it('gives a field added later its text on first use, once', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    expect(getSheetText(doc, 'k1', 'budget')).toBeNull();
    const text = ensureSheetText(doc, 'k1', 'budget')!;
    text.insert(0, '10 000 €');
    expect(updatesDuring(doc, () => expect(ensureSheetText(doc, 'k1', 'budget')).toBe(text))).toBe(0);
    expect(ensureSheetText(doc, 'k2', 'budget')).toBeNull();
  });

  it('removes a sheet; the key idea stays', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    expect(removeSheet(doc, 'k1')).toBe(true);
    expect(removeSheet(doc, 'k1')).toBe(false);
    expect(readSheets(doc)).toEqual([]);
  });
});

describe('S3 sheet texts are shared texts', () => {
  it('two people typing in the same field at once both keep their words', () => {
    const a = board();
    const b = new Y.Doc();
    openSheet(a, 'k1', DEFAULT_SHEET_FIELDS);
    sync(a, b);
    setSheetText(a, 'k1', 'partners', 'Mairie\nCAF');
    sync(a, b);
    setSheetText(a, 'k1', 'partners', 'Mairie\nCAF\nFrance Travail');
    setSheetText(b, 'k1', 'partners', 'Mairie de quartier\nCAF');
    sync(a, b);
    expect(readSheet(a, 'k1')?.texts['partners']).toBe('Mairie de quartier\nCAF\nFrance Travail');
    expect(readSheets(b)).toEqual(readSheets(a));
    expect(listItems(readSheet(a, 'k1')!.texts['partners']!)).toEqual(['Mairie de quartier', 'CAF', 'France Travail']);
  });

  it('R2 R3 R4 writes nothing without a sheet or a change, and repairs a wrongly typed field', () => {
    const doc = board();
    expect(setSheetText(doc, 'k1', 'stakes', 'x')).toBe(false);
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    expect(updatesDuring(doc, () => setSheetText(doc, 'k1', 'stakes', ''))).toBe(0);
    const texts = (doc.getMap(SHEETS_MAP).get('k1') as Y.Map<unknown>).get('texts') as Y.Map<unknown>;
    texts.set('stakes', 'écrit en chaîne');
    expect(readSheet(doc, 'k1')?.texts['stakes']).toBe('écrit en chaîne');
    expect(setSheetText(doc, 'k1', 'stakes', 'écrit en texte partagé')).toBe(true);
    expect(getSheetText(doc, 'k1', 'stakes')?.toString()).toBe('écrit en texte partagé');
  });

  it('lists are one item a line, blank lines dropped', () => {
    expect(listItems(' Mairie \r\n\nCAF\r  \nMédiathèque ')).toEqual(['Mairie', 'CAF', 'Médiathèque']);
  });
});

describe('S4 scales are one choice', () => {
  it('stores 1 to 4, null is « Non traité », out of scale is refused, same value writes nothing', () => {
    const doc = board();
    expect(setSheetScale(doc, 'k1', 'impact', 3)).toBe(false);
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    expect(setSheetScale(doc, 'k1', 'impact', 3)).toBe(true);
    expect(setSheetScale(doc, 'k1', 'feasibility', 5)).toBe(false);
    expect(setSheetScale(doc, 'k1', 'feasibility', 1.5)).toBe(false);
    expect(updatesDuring(doc, () => setSheetScale(doc, 'k1', 'impact', 3))).toBe(0);
    expect(readSheet(doc, 'k1')?.scales).toEqual({ impact: 3 });
    setSheetScale(doc, 'k1', 'impact', null);
    expect(readSheet(doc, 'k1')?.scales).toEqual({});
  });

  it('R5 reads garbage as « Non traité »', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    const scales = (doc.getMap(SHEETS_MAP).get('k1') as Y.Map<unknown>).get('scales') as Y.Map<unknown>;
    scales.set('impact', 'fort');
    scales.set('feasibility', 9);
    expect(readSheet(doc, 'k1')?.scales).toEqual({});
  });
});

describe('S5 sheets read in key idea order', () => {
  it('follows key idea order and moves, lists orphans last, and links the source notes', () => {
    const doc = board();
    openSheet(doc, 'k2', DEFAULT_SHEET_FIELDS, { createdAt: 1 });
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 2 });
    expect(readSheets(doc).map((s) => s.keyIdeaId)).toEqual(['k1', 'k2']);
    moveKeyIdea(doc, 'k1', 1);
    expect(readSheets(doc).map((s) => [s.keyIdeaId, s.title])).toEqual([['k2', 'Former les aidants'], ['k1', 'Aller vers']]);
    expect(sheetSourceNotes(doc, 'k1').map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(sheetSourceNotes(doc, 'k2')).toEqual([]);
    unmarkKeyIdea(doc, 'k2');
    expect(readSheets(doc).map((s) => [s.keyIdeaId, s.orphan, s.title])).toEqual([['k1', false, 'Aller vers'], ['k2', true, '']]);
  });

  it('R5 skips entries that are not sheets and never throws on a foreign document', () => {
    const doc = board();
    doc.getMap(SHEETS_MAP).set('k1', 'pas une fiche');
    doc.getMap(SHEETS_MAP).set('k2', new Y.Map());
    expect(readSheets(doc)).toEqual([{ keyIdeaId: 'k2', title: 'Former les aidants', orphan: false, createdAt: 0, texts: {}, scales: {} }]);
    expect(readSheet(doc, 'k1')).toBeNull();
    expect(setSheetText(doc, 'k2', 'stakes', 'réparé')).toBe(true);
    expect(readSheet(doc, 'k2')?.texts).toEqual({ stakes: 'réparé' });
    const wrongKind = new Y.Doc();
    wrongKind.getArray(SHEETS_MAP);
    expect(readSheets(wrongKind)).toEqual([]);
    expect(openSheet(wrongKind, 'k1', DEFAULT_SHEET_FIELDS)).toBe(false);
  });
});
