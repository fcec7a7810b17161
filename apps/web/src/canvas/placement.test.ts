import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, initBoard, NOTE_HEIGHT, ZONE_HEADER, ZONE_HEIGHT, zoneFrames } from '@concerto/board';

import { BoardStore } from '../sync/boardStore.js';
import { contentBounds, fitBoard, showZone, zonesInView, zoneViewBounds } from './placement.js';
import { READABLE_ZOOM, ViewportStore } from './viewport.js';

/** « Enjeux – Objectifs – Actions »: five columns, the first read-only. */
function zoned() {
  const doc = new Y.Doc();
  initBoard(doc, { groupId: 'axe-1', name: 'Axe 1', template: { kind: 'enjeux-objectifs-actions' } });
  const store = new BoardStore(doc);
  const frame = (id: string) => zoneFrames(store.getZones()).find((f) => f.id === id)!;
  return { doc, store, frame };
}

describe('« Tout afficher » on a board with zones', () => {
  it('an empty board fits the zones people write in, not the empty read-only one', () => {
    const { store, frame } = zoned();
    const bounds = contentBounds(store)!;
    expect(bounds.x).toBe(frame('enjeux').x);
    expect(bounds.x + bounds.width).toBe(frame('prioritaires').x + frame('prioritaires').width);
    // the carried-over axis shows in it: it counts, with the zones to write in beside it
    expect(contentBounds(store, true)).toEqual({ ...bounds, x: frame('precedent').x, width: bounds.x + bounds.width - frame('precedent').x });
  });

  it('fits the zones that hold notes, whole columns', () => {
    const { doc, store, frame } = zoned();
    createNote(doc, { id: 'a', text: 'Objectif', x: frame('objectifs').x + 24, y: 140, author: 'Marie', createdAt: 1, zone: 'objectifs' });
    createNote(doc, { id: 'b', text: 'Action', x: frame('actions').x + 24, y: 140, author: 'Marie', createdAt: 2, zone: 'actions' });
    expect(contentBounds(store)).toEqual({ x: frame('objectifs').x, y: 0, width: frame('actions').x + frame('actions').width - frame('objectifs').x, height: ZONE_HEIGHT });
  });

  it('never below a readable zoom on a laptop, from the top-left, the rest left to panning', () => {
    const { store, frame } = zoned();
    const viewport = new ViewportStore();
    viewport.size = { width: 928, height: 740 };
    fitBoard(viewport, store, false);
    // five columns fitted whole were at 21 %
    expect(viewport.get()).toEqual({ zoom: READABLE_ZOOM, x: 32 - frame('enjeux').x * READABLE_ZOOM, y: 32 });
  });

  it('a zone to focus on (the action-sheet phase’s « Actions prioritaires ») is fitted alone, with its notes, carry-over or not', () => {
    const { doc, store, frame } = zoned();
    createNote(doc, { id: 'a', text: 'Enjeu', x: frame('enjeux').x + 24, y: 140, author: 'Marie', createdAt: 1, zone: 'enjeux' });
    createNote(doc, { id: 'b', text: 'Un guichet itinérant', x: frame('prioritaires').x + 24, y: 140, author: 'Karim', createdAt: 2, zone: 'prioritaires' });
    const column = { x: frame('prioritaires').x, y: 0, width: frame('prioritaires').width, height: ZONE_HEIGHT };
    expect(contentBounds(store, true, 'prioritaires')).toEqual(column);
    expect(contentBounds(store, false, 'prioritaires')).toEqual(column);
    // a board without that zone (zones of its own): its content, as without a focus
    expect(contentBounds(store, true, 'absente')).toEqual(contentBounds(store, true));
  });
});

describe('the zone strip: one zone on screen (ZoneStrip.tsx)', () => {
  it('shows the zone’s heading and its notes, not the whole column, and is the person’s view from then on', () => {
    const { doc, store, frame } = zoned();
    const f = frame('prioritaires');
    const header = { x: f.x, y: 0, width: f.width, height: ZONE_HEADER + NOTE_HEIGHT + 24 };
    expect(zoneViewBounds(store, 'prioritaires')).toEqual(header);
    createNote(doc, { id: 'a', text: 'Un guichet unique', x: f.x + 24, y: 600, author: 'Karim', createdAt: 1, zone: 'prioritaires' });
    createNote(doc, { id: 'b', text: 'Ailleurs', x: frame('enjeux').x + 24, y: 900, author: 'Karim', createdAt: 2, zone: 'enjeux' });
    expect(zoneViewBounds(store, 'prioritaires')).toEqual({ ...header, height: 600 + NOTE_HEIGHT });
    expect(zoneViewBounds(store, 'absente')).toBeNull();

    const viewport = new ViewportStore();
    viewport.size = { width: 928, height: 740 };
    showZone(viewport, store, 'prioritaires');
    const { zoom, x } = viewport.get();
    expect(zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    // the column whole across the canvas, the note inside it
    expect(f.x * zoom + x).toBeGreaterThanOrEqual(0);
    expect((f.x + f.width) * zoom + x).toBeLessThanOrEqual(928);
    expect(viewport.touched).toBe(true);
  });

  it('when the heading and a note far down the column do not fit together readably, the note wins', () => {
    const { doc, store, frame } = zoned();
    const f = frame('actions');
    createNote(doc, { id: 'a', text: 'Tout en bas', x: f.x + 24, y: 1100, author: 'Karim', createdAt: 1, zone: 'actions' });
    const viewport = new ViewportStore();
    viewport.size = { width: 928, height: 600 };
    viewport.measureInsets = () => ({ top: 64, bottom: 130 });
    showZone(viewport, store, 'actions');
    const { zoom, y } = viewport.get();
    expect(zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    // the note whole between the strip and the toolbar
    expect(1100 * zoom + y).toBeGreaterThanOrEqual(64);
    expect((1100 + NOTE_HEIGHT) * zoom + y).toBeLessThanOrEqual(600 - 130);
  });

  it('marks the zones a third of whose column is in view', () => {
    const { store, frame } = zoned();
    const zones = store.getZones();
    const e = frame('enjeux');
    expect(zonesInView(zones, { x: e.x, y: 0, width: e.width, height: 500 })).toEqual(['enjeux']);
    // a sliver of the next column does not count; half of it does
    expect(zonesInView(zones, { x: e.x, y: 0, width: frame('objectifs').x - e.x + 50, height: 500 })).toEqual(['enjeux']);
    expect(zonesInView(zones, { x: e.x, y: 0, width: frame('objectifs').x - e.x + e.width / 2, height: 500 })).toEqual(['enjeux', 'objectifs']);
    // below every column: none
    expect(zonesInView(zones, { x: e.x, y: ZONE_HEIGHT + 10, width: 2000, height: 500 })).toEqual([]);
  });
});
