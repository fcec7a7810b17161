import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { buildSampleSession } from './fixtures/sampleSession.js';
import * as Y from 'yjs';
import { getVoteArchiveMap } from '@concerto/board';
import { escapeMarkdown, renderMarkdown } from './index.js';

const EXPORTED_AT = Date.UTC(2024, 8, 18, 16, 0);

describe('Markdown compte-rendu', () => {
  const content = buildSampleSession({ groups: 10, notesPerGroup: 24, votes: true });
  const markdown = renderMarkdown(content, { exportedAt: EXPORTED_AT });

  it('is shaped like the written report: cover, a section per group, then the plenary', () => {
    const headings = markdown.split('\n').filter((line) => /^##? /.test(line));
    expect(headings).toEqual([
      '# Compte-rendu de séance — Feuille de route départementale pour l’inclusion numérique — webinaire de lancement',
      '## Questions',
      ...content.session.groups.map((g) => `## ${g.name}`),
      '## Plénière',
    ]);
    expect(markdown).toContain('**18 septembre 2024** · 10\u00a0groupes · 240\u00a0notes écrites par');
  });

  it('lists each group\'s regroupements with their notes, and its key ideas in the report\'s words', () => {
    const group1 = markdown.slice(markdown.indexOf('## Groupe 1'), markdown.indexOf('## Groupe 2'));
    expect(group1).toContain('#### autonomie des usagers\n\n- Les personnes âgées n’osent pas demander de l’aide au guichet — *Anne (CCAS)*');
    expect(group1).toContain('#### multiplicité des comptes / authentification ★');
    expect(group1).toContain('#### accès à du matériel (matériel obsolète)');
    expect(group1).toContain('### Notes sans regroupement');
    expect(group1).toContain(
      '### Idées clés\n\nLes deux idées clés partagées sont\u00a0:\n\n1. Proposer un accès qui ne soit pas uniquement numérique et travailler en transversalité avec d’autres partenaires\n2. Simplifier l’authentification : un seul compte, reconnu par tous les organismes',
    );
    const group5 = markdown.slice(markdown.indexOf('## Groupe 5'), markdown.indexOf('## Groupe 6'));
    expect(group5).toContain('L’idée clé partagée est\u00a0:');
  });

  it('ends with the plenary: themes, synthesis, provenance and votes', () => {
    const plenary = markdown.slice(markdown.indexOf('## Plénière'));
    expect(plenary).toContain('9 groupes sur 10 ont partagé leurs idées clés en plénière.');
    expect(plenary).toContain('### Garder un accès humain\n\nLes groupes demandent qu’une démarche ne soit jamais uniquement numérique');
    expect(plenary).toMatch(/- Proposer un accès qui ne soit pas uniquement numérique .* — \*Groupe 1 · \d+\u00a0votes?\*/);
    expect(plenary).toContain('1\u00a0groupe n’a rien partagé\u00a0: Salle principale.');
    // every vote of the session, oldest first: the themes vote, then the ideas vote
    const votes = plenary.slice(plenary.indexOf('### Votes'));
    expect(votes).toContain('#### Vote 1 — Quels thèmes prioriser ?\n\nSur les thèmes, de 15\u00a0h\u00a028 à 15\u00a0h\u00a032\u00a0: 4\u00a0personnes ont voté, 3\u00a0votes chacune.');
    expect(votes).toMatch(/- Garder un accès humain — \*6\u00a0votes\*\n- .* — \*3\u00a0votes\*/);
    expect(votes).toContain('#### Vote 2 sur les idées\n\nSur les idées, de 15\u00a0h\u00a035 à 15\u00a0h\u00a040\u00a0: 30\u00a0personnes ont voté, 3\u00a0votes chacune.');
    expect(votes.indexOf('Vote 1')).toBeLessThan(votes.indexOf('Vote 2'));
    expect(plenary).toContain('### Idées sans thème');
    expect(plenary).toContain('Document produit par Concerto le 18 septembre 2024 à 18\u00a0h\u00a000.');
  });

  it('renders as the same document with a CommonMark renderer', () => {
    const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);
    expect(html.match(/<h2>/g)).toHaveLength(12);
    expect(html.match(/<h4>/g)?.length).toBe(30 + 2); // regroupements, then the two votes
    expect(html).not.toContain('<a ');
  });

  it('omits votes when the session has none', () => {
    const plain = renderMarkdown(buildSampleSession({ groups: 3, notesPerGroup: 6 }), { exportedAt: EXPORTED_AT });
    expect(plain).not.toMatch(/vote/);
  });
});

describe('Markdown of older archives and empty groups (issue 12, item 6)', () => {
  it('still lists an earlier vote from an archive made before votes were recorded', () => {
    const content = buildSampleSession({ groups: 3, notesPerGroup: 6, votes: true });
    // what an archive exported before this change holds: ballots of both votes, no record
    const plenary = new Y.Doc();
    Y.applyUpdate(plenary, content.rooms['plenary']!);
    getVoteArchiveMap(plenary).clear();
    const md = renderMarkdown({ ...content, rooms: { ...content.rooms, plenary: Y.encodeStateAsUpdate(plenary) } }, { exportedAt: EXPORTED_AT });
    expect(md).toContain('#### Vote 1 sur les thèmes\n\nSur les thèmes\u00a0: 4\u00a0personnes ont voté.');
    expect(md).toMatch(/- Garder un accès humain — \*6\u00a0votes\*/);
    expect(md).toContain('#### Vote 2 sur les idées');
  });

  it('gives groups with nothing one line, not a section each', () => {
    const content = buildSampleSession({ groups: 4, notesPerGroup: 6 });
    const { 'groupe-3': _three, 'groupe-4': _four, ...rooms } = content.rooms as Record<string, Uint8Array>;
    const names = content.session.groups.map((g) => g.name);
    const md = renderMarkdown({ ...content, rooms }, { exportedAt: EXPORTED_AT });
    expect(md).toContain(`## Groupes sans contribution\n\nCes 2\u00a0groupes n’ont écrit aucune note ni choisi d’idée clé\u00a0: ${names[2]}, ${names[3]}.`);
    expect(md).not.toContain(`## ${names[2]}`);
  });
});

describe('escapeMarkdown', () => {
  const md = new MarkdownIt({ html: true, linkify: true });
  const render = (text: string) => md.render(`- ${escapeMarkdown(text, 2)}`);
  const cases: [string, RegExp][] = [
    ['<script>alert(1)</script>', /<script/],
    ['[x](javascript:alert(1))', /<a /],
    ['**gras** _it_ ~~barré~~', /<(strong|em|s|del)>/],
    ['# titre', /<h1>/],
    ['![i](http://x/y.png)', /<img/],
    ['https://evil.example www.evil.example a@b.fr', /<a /],
    ['| a | b |\n|---|---|', /<table/],
    ['1. un\n- deux\n> trois\n    quatre\n===', /<(ol|blockquote|pre|h1|h2)/],
    ['`code`', /<code>/],
    ['&lt;b&gt;', /<b>/],
    ['<https://evil.example>', /<a /],
  ];
  it.each(cases)('keeps %j literal', (text, forbidden) => {
    const html = render(text);
    expect(html).not.toMatch(forbidden);
    // What people see is what they typed (modulo line breaks and leading spaces).
    const visible = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(visible.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});
