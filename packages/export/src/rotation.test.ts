/**
 * A session by theme in the compte-rendu (issue 11 §2): each note says where it came from,
 * « ajouté au tour 2 par le groupe B », in the Markdown and in the PDF read back.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createNote, initBoard } from '@concerto/board';
import { pdfText, requirePoppler, savePdf } from '../test/pdfTools.js';
import { noteOrigin } from './model.js';
import { renderMarkdown, renderPdf } from './index.js';
import type { SessionContent } from './index.js';

function board(id: string, name: string, notes: { text: string; round?: number; group?: string }[]): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { groupId: id, name });
  notes.forEach((n, i) => createNote(doc, { text: n.text, x: i * 240, y: 0, author: 'Inès', createdAt: 1000 + i, round: n.round, group: n.group }));
  return Y.encodeStateAsUpdate(doc);
}

const content: SessionContent = {
  session: {
    id: 's',
    title: 'Concertation de suivi — territoire NORD',
    questions: [],
    keyIdeaLimit: 3,
    groups: [{ id: 'axe-1', name: 'Axe 1 – Équiper et accompagner les publics' }, { id: 'axe-2', name: 'Axe 2 – Former les aidants' }],
    createdAt: Date.UTC(2024, 10, 5, 8),
    settings: { rotation: { groups: [{ id: 'groupe-a', name: 'Groupe A' }, { id: 'groupe-b', name: 'Groupe B' }], round: 2, rounds: 2, status: 'ended' } },
  },
  rooms: {
    'axe-1': board('axe-1', 'Axe 1', [
      { text: 'Prêter des tablettes en médiathèque', round: 1, group: 'groupe-a' },
      { text: 'Créer un réseau d’aidants numériques', round: 2, group: 'groupe-b' },
      { text: 'Note de l’hôte de table', round: 2 },
    ]),
    'axe-2': board('axe-2', 'Axe 2', [{ text: 'Sans origine' }]),
  },
};

describe('origins of notes in the compte-rendu', () => {
  it('words the round and the group', () => {
    const groups = new Map([['groupe-b', 'Groupe B'], ['bleus', 'Les bleus']]);
    expect(noteOrigin({ round: 2, group: 'groupe-b' }, groups)).toBe('ajouté au tour 2 par le groupe B');
    expect(noteOrigin({ round: 1, group: 'bleus' }, groups)).toBe('ajouté au tour 1 par Les bleus');
    expect(noteOrigin({ round: 3, group: 'inconnu' }, groups)).toBe('ajouté au tour 3 par inconnu');
    expect(noteOrigin({ round: 2 }, groups)).toBe('ajouté au tour 2');
    // R30: written by a rotating group before the first round started
    expect(noteOrigin({ group: 'groupe-b' }, groups)).toBe('ajouté avant le premier tour par le groupe B');
    expect(noteOrigin({}, groups)).toBeNull();
  });

  it('prints it beside the author in the Markdown', () => {
    const markdown = renderMarkdown(content, { exportedAt: Date.UTC(2024, 10, 5, 16) });
    expect(markdown).toContain('- Prêter des tablettes en médiathèque — *Inès, ajouté au tour 1 par le groupe A*');
    expect(markdown).toContain('- Créer un réseau d’aidants numériques — *Inès, ajouté au tour 2 par le groupe B*');
    expect(markdown).toContain('- Note de l’hôte de table — *Inès, ajouté au tour 2*');
    expect(markdown).toContain('- Sans origine — *Inès*');
  });

  it('prints it in the PDF, accents intact', async () => {
    requirePoppler();
    const file = savePdf('rotation-origins.pdf', await renderPdf(content, { exportedAt: Date.UTC(2024, 10, 5, 16) }));
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('ajouté au tour 1 par le groupe A');
    expect(text).toContain('ajouté au tour 2 par le groupe B');
    expect(text).toContain('Axe 1 – Équiper et accompagner les publics');
  });
});
