/**
 * The export built from stored rows (what the server sends its export worker, and what the CLI
 * reads) is the one built from the documents themselves; a room never written is initialised
 * as the server's first load would.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getMetaMap, listZones } from '@concerto/board';
import { renderMarkdown } from './markdown.js';
import { buildSampleSession } from './fixtures/sampleSession.js';
import { contentFromStored, roomStateFromStored } from './stored.js';
import type { StoredRoom } from './stored.js';

/** a room's rows as storage may hold them after a compaction: the snapshot, then an empty row */
function rowsOf(state: Uint8Array): Uint8Array[] {
  return [state, Y.encodeStateAsUpdate(new Y.Doc())];
}

describe('stored content (what the export worker builds from)', () => {
  it('gives the same Markdown as the rooms’ documents', () => {
    const content = buildSampleSession({ groups: 3, notesPerGroup: 6 });
    const stored = {
      session: content.session,
      rooms: Object.fromEntries(
        Object.entries(content.rooms).map(([name, state]): [string, StoredRoom] => {
          const group = content.session.groups.find((g) => g.id === name);
          const init: StoredRoom['init'] = group === undefined ? { kind: 'plenary' } : { kind: 'board', groupId: name, name: group.name, template: null, carriesOver: false };
          return [name, { updates: rowsOf(state), init }];
        }),
      ),
    };
    expect(renderMarkdown(contentFromStored(stored), { exportedAt: 0 })).toBe(renderMarkdown(content, { exportedAt: 0 }));
  });

  it('initialises a room nobody wrote in: its name and its template’s zones', () => {
    const state = roomStateFromStored({ updates: [], init: { kind: 'board', groupId: 'axe-1', name: 'Axe 1', template: { kind: 'enjeux-objectifs-actions' }, carriesOver: true } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(getMetaMap(doc).get('name')).toBe('Axe 1');
    expect(listZones(doc).length).toBeGreaterThanOrEqual(4);
  });
});
