import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import {
  createCluster,
  createClusterFromNotes,
  deleteCluster,
  moveCluster,
  renameCluster,
  setClusterZone,
  setNoteCluster,
  setNoteZone,
} from './clusters.js';
import { markKeyIdea, moveKeyIdea, setKeyIdeaText, trimKeyIdeas, unmarkKeyIdea } from './keyIdeas.js';
import { createNote, deleteNote, editNoteText, moveNote, recolorNote, setNoteText } from './notes.js';
import { initPlenary, pushKeyIdeas, readPlenary } from './plenary.js';
import { listClusters, listNotes, readKeyIdeas, scanKeyIdeas, snapshotBoard } from './read.js';
import { getKeyIdeasArray, getZonesArray, initBoard } from './schema.js';
import type { BoardTemplate } from './templates.js';
import {
  addIdeaToTheme,
  createTheme,
  deleteTheme,
  moveTheme,
  removeIdeaFromTheme,
  renameTheme,
  setThemeSynthesis,
} from './themes.js';
import { ensureSheetText, getSheetText, openSheet, readSheets, removeSheet, setSheetScale, setSheetText, DEFAULT_SHEET_FIELDS, SHEETS_MAP, SHEET_SCALES_MAP, SHEET_TEXT_PREFIX } from './sheets.js';
import { NOTE_COLORS } from './types.js';
import { listZones, zoneKeyIdeaLimit } from './zones.js';

/** mulberry32: a tiny seeded PRNG, so a failing seed replays exactly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  private counter = 0;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }
  /** An existing id most of the time, sometimes one that does not exist. */
  pickId(ids: readonly string[]): string {
    return this.chance(0.9) ? (this.pick(ids) ?? 'missing') : 'missing';
  }
  id(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }
  text(): string {
    const alphabet = 'abc dé😀\n';
    const chars = [...alphabet];
    let text = '';
    for (let i = this.int(8); i > 0; i--) text += chars[this.int(chars.length)];
    return text;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

const REMOTE = Symbol('remote');

/**
 * Replicas that queue their own updates for every other replica; delivery happens in random
 * order and random subsets, as over a network with reordering and delay.
 */
class Network {
  readonly replicas: Y.Doc[];
  private readonly inboxes: Uint8Array[][];

  constructor(count: number) {
    this.replicas = [];
    this.inboxes = [];
    for (let i = 0; i < count; i++) {
      const doc = new Y.Doc();
      // Fixed client ids make conflict resolution, hence the whole run, reproducible per seed.
      doc.clientID = i + 1;
      this.inboxes.push([]);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        this.inboxes.forEach((inbox, j) => {
          if (j !== i) inbox.push(update);
        });
      });
      this.replicas.push(doc);
    }
  }

  deliverSome(random: Random): void {
    this.replicas.forEach((doc, i) => {
      const inbox = random.shuffle(this.inboxes[i]!);
      const count = random.int(inbox.length + 1);
      for (const update of inbox.splice(0, count)) Y.applyUpdate(doc, update, REMOTE);
    });
  }

  deliverAll(random: Random): void {
    this.replicas.forEach((doc, i) => {
      const inbox = random.shuffle(this.inboxes[i]!);
      for (const update of inbox.splice(0)) Y.applyUpdate(doc, update, REMOTE);
    });
  }
}

type Operation = (doc: Y.Doc, random: Random) => unknown;

function boardOperations(): Operation[] {
  const noteIds = (doc: Y.Doc): string[] => listNotes(doc).map((note) => note.id);
  const clusterIds = (doc: Y.Doc): string[] => listClusters(doc).map((cluster) => cluster.id);
  const ideaIds = (doc: Y.Doc): string[] => readKeyIdeas(doc).map((idea) => idea.id);
  const coordinate = (random: Random): number => Math.round(random.float() * 2000 - 500);
  // Zone ids as a replica sees them, sometimes one that does not exist (or before the zones arrived).
  const zone = (doc: Y.Doc, r: Random): string => r.pickId(listZones(doc).map((z) => z.id));
  const createOneNote: Operation = (doc, r) =>
    createNote(doc, {
      id: r.id('n'),
      text: r.text(),
      color: r.pick(NOTE_COLORS)!,
      x: coordinate(r),
      y: coordinate(r),
      author: r.pick(['Ana', 'Bo', 'Chloé'])!,
      createdAt: r.int(50),
      cluster: r.chance(0.5) ? r.pickId(clusterIds(doc)) : null,
      zone: r.chance(0.7) ? zone(doc, r) : null,
    });
  return [
    createOneNote,
    createOneNote,
    (doc, r) => setNoteText(doc, r.pickId(noteIds(doc)), r.text()),
    (doc, r) => editNoteText(doc, r.pickId(noteIds(doc)), r.int(6), r.int(3), r.text()),
    (doc, r) => recolorNote(doc, r.pickId(noteIds(doc)), r.pick(NOTE_COLORS)!),
    (doc, r) => moveNote(doc, r.pickId(noteIds(doc)), coordinate(r), coordinate(r)),
    (doc, r) => deleteNote(doc, r.pickId(noteIds(doc))),
    (doc, r) => createCluster(doc, { id: r.id('c'), label: r.text(), x: coordinate(r), y: coordinate(r), zone: zone(doc, r) }),
    (doc, r) => renameCluster(doc, r.pickId(clusterIds(doc)), r.text()),
    (doc, r) => moveCluster(doc, r.pickId(clusterIds(doc)), coordinate(r), coordinate(r), { moveNotes: r.chance(0.8) }),
    (doc, r) => deleteCluster(doc, r.pickId(clusterIds(doc))),
    (doc, r) => setNoteCluster(doc, r.pickId(noteIds(doc)), r.chance(0.8) ? r.pickId(clusterIds(doc)) : null),
    (doc, r) => createClusterFromNotes(doc, [r.pickId(noteIds(doc)), r.pickId(noteIds(doc))], { id: r.id('c') }),
    (doc, r) => markKeyIdea(doc, { noteId: r.pickId(noteIds(doc)) }, 2, { id: r.id('k') }),
    (doc, r) => markKeyIdea(doc, { clusterId: r.pickId(clusterIds(doc)) }, 2, { id: r.id('k') }),
    (doc, r) => markKeyIdea(doc, { text: r.text() }, 3, { id: r.id('k'), zone: zone(doc, r) }),
    (doc, r) => setNoteZone(doc, r.pickId(noteIds(doc)), zone(doc, r), r.chance(0.5) ? { x: coordinate(r), y: coordinate(r) } : undefined),
    (doc, r) => setClusterZone(doc, r.pickId(clusterIds(doc)), zone(doc, r)),
    (doc, r) => setKeyIdeaText(doc, r.pickId(ideaIds(doc)), r.text()),
    (doc, r) => moveKeyIdea(doc, r.pickId(ideaIds(doc)), r.int(4)),
    (doc, r) => unmarkKeyIdea(doc, r.pickId(ideaIds(doc))),
    // The server trims after merging; any replica may run it at any time.
    (doc, r) => trimKeyIdeas(doc, 2 + r.int(2)),
  ];
}

/**
 * The document's content. A sheet text exists by name (S2): a replica that merely looked at an
 * empty one holds it in `doc.share` and another does not, with the same state, so empty ones
 * are left out; and one received but never read is untyped until read, so each is read first.
 */
function contentJson(doc: Y.Doc): Record<string, unknown> {
  doc.getMap(SHEETS_MAP);
  doc.getMap(SHEET_SCALES_MAP);
  for (const name of [...doc.share.keys()]) if (name.startsWith(SHEET_TEXT_PREFIX)) doc.getText(name);
  return Object.fromEntries(Object.entries(doc.toJSON()).filter(([name, value]) => !(name.startsWith(SHEET_TEXT_PREFIX) && value === '')));
}

function expectIdentical(replicas: Y.Doc[]): void {
  // Doc.toJSON only renders top-level types a replica has named, and an empty type travels in no update.
  for (const doc of replicas) getZonesArray(doc);
  const [first, ...others] = replicas;
  const snapshot = snapshotBoard(first!);
  for (const doc of others) {
    expect(snapshotBoard(doc)).toEqual(snapshot);
    expect(contentJson(doc)).toEqual(contentJson(first!));
  }
}

function expectValid(doc: Y.Doc): void {
  const snapshot = snapshotBoard(doc);
  const clusterIds = new Set(snapshot.clusters.map((cluster) => cluster.id));
  for (const note of snapshot.notes) expect(note.cluster === null || clusterIds.has(note.cluster)).toBe(true);
  const ideaIds = snapshot.keyIdeas.map((idea) => idea.id);
  expect(new Set(ideaIds).size).toBe(ideaIds.length);
}

function expectTrimmed(doc: Y.Doc, limit: number): void {
  const entries = scanKeyIdeas(doc);
  // After trimming, every addressable entry counts: no duplicate id or source is left.
  expect(entries.every((entry) => entry.valid)).toBe(true);
  expect(getKeyIdeasArray(doc).length).toBe(entries.length);
  // R27: per zone on a zoned board, each zone within its own limit or the session's.
  const zones = listZones(doc);
  const perZone = new Map<string | null, number>();
  for (const entry of entries) perZone.set(entry.idea.zone, (perZone.get(entry.idea.zone) ?? 0) + 1);
  for (const [zone, count] of perZone) expect(count).toBeLessThanOrEqual(zoneKeyIdeaLimit(zones, zone, limit));
  if (zones.length === 0) expect(entries.length).toBeLessThanOrEqual(limit);
}

/** R25 R26: one zone per id, and every note and cluster in a zone of the board (its cluster's, when clustered). */
function expectZoned(doc: Y.Doc, zoneCount: number): void {
  const snapshot = snapshotBoard(doc);
  expect(snapshot.zones.map((zone) => zone.id)).toHaveLength(zoneCount);
  const zoneIds = new Set(snapshot.zones.map((zone) => zone.id));
  const clusterZone = new Map(snapshot.clusters.map((cluster) => [cluster.id, cluster.zone]));
  for (const cluster of snapshot.clusters) expect(zoneIds.has(cluster.zone!)).toBe(true);
  for (const note of snapshot.notes) {
    expect(zoneIds.has(note.zone!)).toBe(true);
    if (note.cluster !== null) expect(note.zone).toBe(clusterZone.get(note.cluster));
  }
}

const SEEDS = 30;
const STEPS = 200;

const ZONED: BoardTemplate = { kind: 'enjeux-objectifs-actions' };

describe('R16 replicas converge under random concurrent operations', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`group canvas, seed ${seed}`, () => {
      const random = new Random(seed);
      const network = new Network(3);
      const operations = boardOperations();
      initBoard(network.replicas[0]!, { groupId: 'groupe-1', name: 'Groupe 1' });
      for (let step = 0; step < STEPS; step++) {
        const doc = random.pick(network.replicas)!;
        const operation = random.pick(operations)!;
        expect(() => operation(doc, random)).not.toThrow();
        if (random.chance(0.3)) network.deliverSome(random);
      }
      network.deliverAll(random);
      expectIdentical(network.replicas);
      network.replicas.forEach(expectValid);

      for (const doc of network.replicas) trimKeyIdeas(doc, 2);
      network.deliverAll(random);
      expectIdentical(network.replicas);
      for (const doc of network.replicas) {
        expectValid(doc);
        expectTrimmed(doc, 2);
      }
    });
  }
});

describe('R16 R25 R26 R27 replicas of a board with zones converge', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`zoned canvas, seed ${seed}`, () => {
      const random = new Random(1000 + seed);
      const network = new Network(3);
      const operations = boardOperations();
      // Two instances may initialise the same new room at once: both write the template's zones.
      initBoard(network.replicas[0]!, { groupId: 'groupe-1', name: 'Groupe 1', template: ZONED });
      if (random.chance(0.5)) initBoard(network.replicas[1]!, { groupId: 'groupe-1', name: 'Groupe 1', template: ZONED });
      for (let step = 0; step < 150; step++) {
        const doc = random.pick(network.replicas)!;
        const operation = random.pick(operations)!;
        expect(() => operation(doc, random)).not.toThrow();
        if (random.chance(0.3)) network.deliverSome(random);
      }
      network.deliverAll(random);
      expectIdentical(network.replicas);
      for (const doc of network.replicas) {
        expectValid(doc);
        expectZoned(doc, 5);
      }
      for (const doc of network.replicas) trimKeyIdeas(doc, 2);
      network.deliverAll(random);
      expectIdentical(network.replicas);
      for (const doc of network.replicas) {
        expectTrimmed(doc, 2);
        expectZoned(doc, 5);
      }
    });
  }
});

function plenaryOperations(groups: readonly { id: string; name: string }[]): Operation[] {
  const read = (doc: Y.Doc) => readPlenary(doc, groups);
  const themeIds = (doc: Y.Doc): string[] => read(doc).themes.map((theme) => theme.id);
  const ideaIds = (doc: Y.Doc): string[] => read(doc).groups.flatMap((group) => group.keyIdeas.map((idea) => idea.id));
  return [
    (doc, r) =>
      pushKeyIdeas(doc, {
        groupId: r.pick(groups)!.id,
        name: 'G',
        pushedAt: r.int(1000),
        keyIdeas: Array.from({ length: 1 + r.int(2) }, () => ({ id: `k${r.int(2)}`, text: r.text() })),
      }),
    // Few themes and many adds, so concurrent adds of one idea to one theme happen.
    (doc, r) => themeIds(doc).length < 2 && createTheme(doc, { id: r.id('t'), label: r.text() }),
    (doc, r) => renameTheme(doc, r.pickId(themeIds(doc)), r.text()),
    (doc, r) => setThemeSynthesis(doc, r.pickId(themeIds(doc)), r.text()),
    (doc, r) => addIdeaToTheme(doc, r.pickId(themeIds(doc)), r.pickId(ideaIds(doc))),
    (doc, r) => addIdeaToTheme(doc, r.pickId(themeIds(doc)), r.pickId(ideaIds(doc))),
    (doc, r) => addIdeaToTheme(doc, r.pickId(themeIds(doc)), r.pickId(ideaIds(doc))),
    (doc, r) => removeIdeaFromTheme(doc, r.pickId(themeIds(doc)), r.pickId(ideaIds(doc))),
    (doc, r) => moveTheme(doc, r.pickId(themeIds(doc)), r.int(4)),
    (doc, r) => deleteTheme(doc, r.pickId(themeIds(doc))),
  ];
}

describe('R16 R18 plenary replicas converge and keep every idea in at most one theme', () => {
  const groups = [
    { id: 'groupe-1', name: 'Groupe 1' },
    { id: 'groupe-2', name: 'Groupe 2' },
  ];
  for (let seed = 1; seed <= 20; seed++) {
    it(`plenary, seed ${seed}`, () => {
      const random = new Random(seed);
      const network = new Network(3);
      const operations = plenaryOperations(groups);
      initPlenary(network.replicas[0]!);
      for (let step = 0; step < 150; step++) {
        const doc = random.pick(network.replicas)!;
        expect(() => random.pick(operations)!(doc, random)).not.toThrow();
        if (random.chance(0.3)) network.deliverSome(random);
      }
      network.deliverAll(random);
      // Doc.toJSON only renders top-level types this replica has named; readPlenary skips meta.
      for (const doc of network.replicas) doc.getMap('meta');
      const [first, ...others] = network.replicas;
      const plenary = readPlenary(first!, groups);
      for (const doc of others) {
        expect(readPlenary(doc, groups)).toEqual(plenary);
        expect(doc.toJSON()).toEqual(first!.toJSON());
      }
      const placed = plenary.themes.flatMap((theme) => theme.ideaIds);
      expect(new Set(placed).size).toBe(placed.length);
      const pushed = new Set(plenary.groups.flatMap((group) => group.keyIdeas.map((idea) => idea.id)));
      for (const id of placed) expect(pushed.has(id)).toBe(true);
      const themeIds = plenary.themes.map((theme) => theme.id);
      expect(new Set(themeIds).size).toBe(themeIds.length);
    });
  }
});

/** Places between tokens (`A12;`), where a writer may insert without cutting another's token. */
function tokenBoundaries(text: string): number[] {
  const places = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === ';') places.push(i + 1);
  return places;
}

describe('S3 two writers on one sheet field converge and both keep their words', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`sheet field, seed ${seed}`, () => {
      const random = new Random(seed);
      const network = new Network(2);
      const [a, b] = network.replicas as [Y.Doc, Y.Doc];
      markKeyIdea(a, { text: 'Former les aidants numériques' }, 2, { id: 'k1' });
      openSheet(a, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 1 });
      network.deliverAll(random);
      const written = new Map<string, boolean>(); // token → still meant to be there
      for (let step = 0; step < 120; step++) {
        const index = random.int(2);
        const doc = network.replicas[index]!;
        const writer = index === 0 ? 'A' : 'B';
        const choice = random.float();
        const text = getSheetText(doc, 'k1', 'description')!;
        if (choice < 0.6) {
          const token = `${writer}${step};`;
          text.insert(random.pick(tokenBoundaries(text.toString()))!, token);
          written.set(token, true);
        } else if (choice < 0.75) {
          // A writer deletes one of its own words, never touching the other's.
          const mine = [...written].filter(([token, kept]) => kept && token.startsWith(writer) && text.toString().includes(token));
          const target = random.pick(mine)?.[0];
          if (target !== undefined) {
            text.delete(text.toString().indexOf(target), target.length);
            written.set(target, false);
          }
        } else if (choice < 0.9) {
          setSheetScale(doc, 'k1', random.pick(['feasibility', 'impact'])!, random.chance(0.2) ? null : 1 + random.int(4));
        } else {
          // A field the facilitator added after the sheet was opened: both may create it (S2).
          ensureSheetText(doc, 'k1', 'added')?.insert(0, `${writer}${step};`);
        }
        if (random.chance(0.3)) network.deliverSome(random);
      }
      network.deliverAll(random);
      expect(readSheets(b)).toEqual(readSheets(a));
      expect(contentJson(b)).toEqual(contentJson(a));
      const final = readSheets(a)[0]!.texts['description']!;
      for (const [token, kept] of written) expect(final.includes(token)).toBe(kept);
    });
  }
});

describe('S2 people opening the same sheet and first using the same field at once lose nothing', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`concurrent open and first use, seed ${seed}`, () => {
      const random = new Random(seed);
      const network = new Network(3);
      markKeyIdea(network.replicas[0]!, { text: 'Former les aidants numériques' }, 2, { id: 'k1' });
      network.deliverAll(random);
      // Two or three replicas open the sheet and type into a standard field and a field added
      // to the template since, all before any of them hears from another.
      const idle = random.chance(0.5) ? -1 : random.int(3);
      const writers = [0, 1, 2].filter((i) => i !== idle);
      const typed: string[] = [];
      const type = (index: number, step: number) => {
        const doc = network.replicas[index]!;
        const field = random.pick(['description', 'budget', 'partners'])!;
        const token = `${'ABC'[index]}${step};`;
        const text = getSheetText(doc, 'k1', field)!;
        text.insert(random.pick(tokenBoundaries(text.toString()))!, token);
        typed.push(`${field}:${token}`);
      };
      for (const index of writers) {
        expect(openSheet(network.replicas[index]!, 'k1', DEFAULT_SHEET_FIELDS, { createdAt: 10 + index })).toBe(true);
        setSheetScale(network.replicas[index]!, 'k1', 'impact', 1 + index);
      }
      for (let step = 0; step < 12; step++) for (const index of writers) type(index, step);
      // Then the round trips arrive piecemeal while they go on typing.
      for (let step = 12; step < 40; step++) {
        type(random.pick(writers)!, step);
        if (random.chance(0.4)) network.deliverSome(random);
      }
      network.deliverAll(random);
      expectIdentical(network.replicas);
      for (const doc of network.replicas) {
        const sheets = readSheets(doc);
        expect(sheets.map((sheet) => sheet.keyIdeaId)).toEqual(['k1']);
        for (const entry of typed) {
          const [field, token] = entry.split(':') as [string, string];
          expect(sheets[0]!.texts[field]).toContain(token);
        }
        expect(writers.map((index) => 1 + index)).toContain(sheets[0]!.scales['impact']);
      }
    });
  }
});

describe('R16 S2 S5 sheets converge with every board operation, key ideas moved and removed included', () => {
  const sheetOperations = (): Operation[] => {
    const ideaIds = (doc: Y.Doc): string[] => readKeyIdeas(doc).map((idea) => idea.id);
    const sheetIds = (doc: Y.Doc): string[] => readSheets(doc).map((sheet) => sheet.keyIdeaId);
    const fields = ['stakes', 'partners', 'added'];
    return [
      (doc, r) => openSheet(doc, r.pickId(ideaIds(doc)), DEFAULT_SHEET_FIELDS, { createdAt: r.int(50) }),
      (doc, r) => openSheet(doc, r.pickId(ideaIds(doc)), DEFAULT_SHEET_FIELDS, { createdAt: r.int(50) }),
      (doc, r) => setSheetText(doc, r.pickId(sheetIds(doc)), r.pick(fields)!, r.text()),
      (doc, r) => getSheetText(doc, r.pickId(sheetIds(doc)), 'description')?.insert(0, r.text()),
      (doc, r) => ensureSheetText(doc, r.pickId(sheetIds(doc)), 'added')?.insert(0, r.text()),
      (doc, r) => setSheetScale(doc, r.pickId(sheetIds(doc)), r.pick(['feasibility', 'impact'])!, r.chance(0.2) ? null : 1 + r.int(4)),
      (doc, r) => r.chance(0.3) && removeSheet(doc, r.pickId(sheetIds(doc))),
    ];
  };
  for (let seed = 1; seed <= 15; seed++) {
    it(`group canvas with sheets, seed ${seed}`, () => {
      const random = new Random(seed);
      const network = new Network(3);
      const operations = [...boardOperations(), ...sheetOperations(), ...sheetOperations()];
      for (let step = 0; step < 200; step++) {
        const doc = random.pick(network.replicas)!;
        expect(() => random.pick(operations)!(doc, random)).not.toThrow();
        if (random.chance(0.3)) network.deliverSome(random);
      }
      network.deliverAll(random);
      expectIdentical(network.replicas);
      const [first, ...others] = network.replicas;
      const sheets = readSheets(first!);
      for (const doc of others) expect(readSheets(doc)).toEqual(sheets);
      // Every sheet is listed once; those of live key ideas first, in key idea order.
      const ids = sheets.map((sheet) => sheet.keyIdeaId);
      expect(new Set(ids).size).toBe(ids.length);
      const live = readKeyIdeas(first!).map((idea) => idea.id).filter((id) => ids.includes(id));
      expect(sheets.filter((sheet) => !sheet.orphan).map((sheet) => sheet.keyIdeaId)).toEqual(live);
    });
  }
});
