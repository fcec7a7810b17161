import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { createClusterFromNotes } from './clusters.js';
import { markKeyIdea, moveKeyIdea, unmarkKeyIdea } from './keyIdeas.js';
import { readKeyIdeas } from './read.js';
import { createNote } from './notes.js';
import { emptySheetChanges, getSheetsMap, noteSheetChanges, settleSheets } from './sheetGuard.js';
import type { SheetChanges } from './sheetGuard.js';
import {
  DEFAULT_SHEET_FIELDS,
  SHEETS_MAP,
  SHEET_FIELDS_ARRAY,
  SHEET_LABELS_MAP,
  SHEET_SCALES_MAP,
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
  sheetScaleKey,
  sheetSourceNotes,
  sheetTextName,
  transactionTouchesSheets,
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
  it('opens with one plain entry, its texts existing by name, and refuses an unknown idea', () => {
    const doc = board();
    expect(openSheet(doc, 'missing', DEFAULT_SHEET_FIELDS)).toBe(false);
    expect(updatesDuring(doc, () => openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 5 }))).toBe(1);
    // No shared type is created under a map key: nothing two replicas could create twice.
    expect(doc.getMap(SHEETS_MAP).get('k1')).toEqual({ createdAt: 5 });
    expect(readSheet(doc, 'k1')).toEqual({ keyIdeaId: 'k1', title: 'Aller vers', orphan: false, createdAt: 5, texts: {}, scales: {} });
    const text = getSheetText(doc, 'k1', 'stakes');
    expect(text).toBe(doc.getText(sheetTextName('k1', 'stakes')));
    expect(sheetTextName('k1', 'stakes')).toBe('sheet/k1/stakes');
  });

  it('R3 keeps an existing sheet untouched', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    setSheetText(doc, 'k1', 'stakes', 'Réduire la fracture');
    expect(updatesDuring(doc, () => expect(openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS)).toBe(true))).toBe(0);
    expect(readSheet(doc, 'k1')?.texts['stakes']).toBe('Réduire la fracture');
  });

  it('gives a field added later its text by name: looking at it or first using it writes nothing', () => {
    const doc = board();
    expect(getSheetText(doc, 'k1', 'budget')).toBeNull();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    let text: Y.Text | null = null;
    expect(updatesDuring(doc, () => {
      text = ensureSheetText(doc, 'k1', 'budget');
    })).toBe(0);
    text!.insert(0, '10 000 €');
    expect(getSheetText(doc, 'k1', 'budget')).toBe(text);
    expect(readSheet(doc, 'k1')?.texts).toEqual({ budget: '10 000 €' });
    expect(ensureSheetText(doc, 'k2', 'budget')).toBeNull();
  });

  it('two replicas opening the sheet and first using a field at once keep every word', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    openSheet(a, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 1 });
    openSheet(b, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 2 });
    getSheetText(a, 'k1', 'stakes')!.insert(0, 'Inès;');
    getSheetText(b, 'k1', 'stakes')!.insert(0, 'Théo;');
    ensureSheetText(a, 'k1', 'budget')!.insert(0, '10 000 €;');
    ensureSheetText(b, 'k1', 'budget')!.insert(0, 'CAF;');
    sync(a, b);
    for (const doc of [a, b]) {
      const sheet = readSheet(doc, 'k1')!;
      expect(sheet.texts['stakes']).toMatch(/^(Inès;Théo;|Théo;Inès;)$/);
      expect(sheet.texts['budget']).toMatch(/^(10 000 €;CAF;|CAF;10 000 €;)$/);
    }
    expect(readSheets(b)).toEqual(readSheets(a));
  });

  it('escapes ids in names, so no two fields share a text', () => {
    expect(sheetTextName('a/b', 'c')).not.toBe(sheetTextName('a', 'b/c'));
    expect(sheetScaleKey('a/b', 'c')).not.toBe(sheetScaleKey('a', 'b/c'));
    const doc = new Y.Doc();
    markKeyIdea(doc, { text: 'a' }, 3, { id: 'a' });
    markKeyIdea(doc, { text: 'a/b' }, 3, { id: 'a/b' });
    openSheet(doc, 'a', DEFAULT_SHEET_FIELDS);
    openSheet(doc, 'a/b', DEFAULT_SHEET_FIELDS);
    setSheetText(doc, 'a/b', 'c', 'un');
    setSheetText(doc, 'a', 'b/c', 'deux');
    expect(readSheet(doc, 'a/b')?.texts).toEqual({ c: 'un' });
    expect(readSheet(doc, 'a')?.texts).toEqual({ 'b/c': 'deux' });
  });

  it('removes a sheet; the key idea stays', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    setSheetText(doc, 'k1', 'stakes', 'Réduire la fracture');
    setSheetScale(doc, 'k1', 'impact', 2);
    setSheetScale(doc, 'k2', 'impact', 2);
    expect(removeSheet(doc, 'k1')).toBe(true);
    expect(removeSheet(doc, 'k1')).toBe(false);
    expect(readSheets(doc)).toEqual([]);
    expect(readKeyIdeas(doc).map((idea) => idea.id)).toEqual(['k1', 'k2']);
    // Reopened, it starts blank.
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 9 });
    expect(readSheet(doc, 'k1')).toMatchObject({ texts: {}, scales: {} });
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

  it('R2 R3 R5 writes nothing without a sheet or a change; a name used for another type reads empty', () => {
    const doc = board();
    expect(setSheetText(doc, 'k1', 'stakes', 'x')).toBe(false);
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS);
    expect(updatesDuring(doc, () => setSheetText(doc, 'k1', 'stakes', ''))).toBe(0);
    doc.getMap(sheetTextName('k1', 'description')).set('x', 1);
    expect(getSheetText(doc, 'k1', 'description')).toBeNull();
    expect(setSheetText(doc, 'k1', 'description', 'perdu')).toBe(false);
    expect(readSheet(doc, 'k1')?.texts).toEqual({});
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
    const scales = doc.getMap(SHEET_SCALES_MAP);
    scales.set(sheetScaleKey('k1', 'impact'), 'fort');
    scales.set(sheetScaleKey('k1', 'feasibility'), 9);
    scales.set('k1/%E0', 2);
    expect(readSheet(doc, 'k1')?.scales).toEqual({});
  });
});

/** A sheet as the first layout wrote it: a `Y.Map` with nested texts and scales. */
function legacySheet(doc: Y.Doc, keyIdeaId: string, texts: Record<string, string | Y.Text>, scales: Record<string, unknown>): void {
  doc.transact(() => {
    const sheet = new Y.Map<unknown>();
    doc.getMap(SHEETS_MAP).set(keyIdeaId, sheet);
    sheet.set('createdAt', 7);
    const textsMap = new Y.Map<unknown>();
    sheet.set('texts', textsMap);
    for (const [id, value] of Object.entries(texts)) textsMap.set(id, typeof value === 'string' ? new Y.Text(value) : value);
    const scalesMap = new Y.Map<unknown>();
    sheet.set('scales', scalesMap);
    for (const [id, value] of Object.entries(scales)) scalesMap.set(id, value);
  });
}

describe('S2 sheets of the first layout are read as they are', () => {
  it('reads, binds and writes their nested texts and scales; new fields go to their names', () => {
    const doc = board();
    legacySheet(doc, 'k1', { stakes: 'Réduire la fracture', partners: '' }, { impact: 3 });
    const nested = ((doc.getMap(SHEETS_MAP).get('k1') as Y.Map<unknown>).get('texts') as Y.Map<unknown>).get('stakes');
    expect(getSheetText(doc, 'k1', 'stakes')).toBe(nested);
    expect(readSheet(doc, 'k1')).toEqual({
      keyIdeaId: 'k1', title: 'Aller vers', orphan: false, createdAt: 7, texts: { partners: '', stakes: 'Réduire la fracture' }, scales: { impact: 3 },
    });
    expect(openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS)).toBe(true);
    setSheetText(doc, 'k1', 'stakes', 'Réduire la fracture numérique');
    setSheetText(doc, 'k1', 'budget', '10 000 €');
    expect(getSheetText(doc, 'k1', 'budget')).toBe(doc.getText(sheetTextName('k1', 'budget')));
    setSheetScale(doc, 'k1', 'impact', null);
    setSheetScale(doc, 'k1', 'feasibility', 2);
    expect(readSheet(doc, 'k1')).toMatchObject({
      texts: { budget: '10 000 €', partners: '', stakes: 'Réduire la fracture numérique' }, scales: { feasibility: 2 },
    });
    expect(removeSheet(doc, 'k1')).toBe(true);
    expect(readSheets(doc)).toEqual([]);
  });

  it('R4 replaces a nested field written as a plain string by its named text', () => {
    const doc = board();
    legacySheet(doc, 'k1', {}, {});
    ((doc.getMap(SHEETS_MAP).get('k1') as Y.Map<unknown>).get('texts') as Y.Map<unknown>).set('stakes', 'écrit en chaîne');
    expect(readSheet(doc, 'k1')?.texts['stakes']).toBe('écrit en chaîne');
    expect(setSheetText(doc, 'k1', 'stakes', 'écrit en texte partagé')).toBe(true);
    expect(getSheetText(doc, 'k1', 'stakes')).toBe(doc.getText(sheetTextName('k1', 'stakes')));
    expect(readSheet(doc, 'k1')?.texts).toEqual({ stakes: 'écrit en texte partagé' });
  });
});

describe('S7 a client\'s update cannot hide a sheet\'s fields', () => {
  /** Applies what `write` does on a hostile replica to `doc`, recording its changes as the server's room does. */
  function hostile(doc: Y.Doc, write: (replica: Y.Doc) => void): SheetChanges {
    const changes = emptySheetChanges();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(replica);
    write(replica);
    const observe = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => noteSheetChanges(events, changes);
    getSheetsMap(doc).observeDeep(observe);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, before));
    getSheetsMap(doc).unobserveDeep(observe);
    return changes;
  }

  it('puts back a sheet replaced by a first-layout map or by something else, keeping every word', () => {
    const doc = board();
    openSheet(doc, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 5 });
    setSheetText(doc, 'k1', 'partners', 'CAF');
    const changes = hostile(doc, (replica) => legacySheet(replica, 'k1', { partners: '', drivers: 'Les maires' }, { impact: 2 }));
    expect(readSheet(doc, 'k1')?.texts['partners']).toBe('');
    expect(settleSheets(doc, changes)).toBe(1);
    expect(readSheet(doc, 'k1')).toMatchObject({ createdAt: 5, texts: { partners: 'CAF', drivers: 'Les maires' }, scales: { impact: 2 } });
    expect(doc.getMap(SHEETS_MAP).get('k1')).toEqual({ createdAt: 5 });

    const scalar = hostile(doc, (replica) => replica.getMap(SHEETS_MAP).set('k1', 3));
    expect(readSheets(doc)).toEqual([]);
    settleSheets(doc, scalar);
    expect(readSheet(doc, 'k1')?.texts['partners']).toBe('CAF');
    // A value under a key that held no sheet was never one: removed, no sheet appears.
    settleSheets(doc, hostile(doc, (replica) => replica.getMap(SHEETS_MAP).set('k9', 'x')));
    expect(doc.getMap(SHEETS_MAP).has('k9')).toBe(false);
  });

  it('removes an empty text added into an old sheet over a written field; the old sheet stays as it is', () => {
    const doc = board();
    legacySheet(doc, 'k1', { stakes: 'Réduire la fracture' }, {});
    setSheetText(doc, 'k1', 'partners', 'CAF');
    const changes = hostile(doc, (replica) => ((replica.getMap(SHEETS_MAP).get('k1') as Y.Map<unknown>).get('texts') as Y.Map<unknown>).set('partners', new Y.Text()));
    expect(readSheet(doc, 'k1')?.texts['partners']).toBe('');
    expect(settleSheets(doc, changes)).toBe(1);
    expect(readSheet(doc, 'k1')?.texts).toEqual({ partners: 'CAF', stakes: 'Réduire la fracture' });
    expect(getSheetText(doc, 'k1', 'stakes')?.toString()).toBe('Réduire la fracture');
    // What this layout writes is left alone.
    expect(settleSheets(doc, hostile(doc, (replica) => openSheet(replica, 'k2', DEFAULT_SHEET_FIELDS)))).toBe(0);
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

  it('says which transactions a live view re-reads on, remote texts never read here included', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    const touched: boolean[] = [];
    b.on('afterTransaction', (transaction: Y.Transaction) => touched.push(transactionTouchesSheets(transaction)));
    const deliver = (write: () => unknown) => {
      const before = Y.encodeStateVector(b);
      write();
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, before));
      return touched.pop();
    };
    expect(deliver(() => openSheet(a, 'k1', DEFAULT_SHEET_FIELDS))).toBe(true);
    // B has never read this field: Yjs keeps it untyped and gives it no event, yet it counts.
    expect(deliver(() => setSheetText(a, 'k1', 'stakes', 'Réduire la fracture'))).toBe(true);
    expect(deliver(() => setSheetScale(a, 'k1', 'impact', 2))).toBe(true);
    expect(deliver(() => moveKeyIdea(a, 'k1', 1))).toBe(true);
    expect(deliver(() => createNote(a, { id: 'n9', text: 'Une note de plus', x: 0, y: 0, author: 'Inès', createdAt: 9 }))).toBe(false);
    expect(readSheet(b, 'k1')).toMatchObject({ texts: { stakes: 'Réduire la fracture' }, scales: { impact: 2 } });
  });

  it('R5 skips entries that are not sheets and never throws on a foreign document', () => {
    const doc = board();
    doc.getMap(SHEETS_MAP).set('k1', 'pas une fiche');
    doc.getMap(SHEETS_MAP).set('k2', {});
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
