/**
 * A session whose every text field is hostile or awkward: markup, links, scripts, RTL, emoji,
 * very long words, a 5,000-character note, NUL and other controls. Every format must print it
 * literally (or, for the PDF, with a visible placeholder for what the font cannot draw).
 */
import * as Y from 'yjs';
import {
  addIdeaToTheme, createCluster, createNote, createTheme, effectiveKeyIdeas, initBoard, initPlenary, markKeyIdea,
  plenaryIdeaId, pushKeyIdeas, setThemeSynthesis,
} from '@concerto/board';
import type { SessionContent } from '../src/index.js';

export const HOSTILE = {
  script: '<script>alert("x")</script>',
  link: '[cliquez ici](javascript:alert(1))',
  emphasis: '**gras** et _italique_',
  heading: '# Titre injecté',
  image: '![image](http://evil.example/x.png) <img src=x onerror=alert(1)>',
  autolink: 'https://evil.example/phish et www.evil.example et contact@evil.example',
  table: '| a | b |\n|---|---|\n| 1 | 2 |',
  blocks: '1. faux numéro\n- faux tiret\n> citation\n    code indenté\n===',
  code: '`code` et ```bloc```',
  entities: '&lt;entité&gt; &amp; &#x41;',
  rtl: 'עברית ومعها العربية',
  emoji: 'Bravo 👍🏽 licorne 🦄 famille 👨‍👩‍👧 sourire 😀 kanji 漢字',
  longWord: 'Anticonstitutionnellement'.repeat(24),
  controls: 'avant\u0000après\u0007cloche\u001b[31mrouge',
  lone: 'demi\ud800paire',
  override: 'droite\u202egauche',
  backslash: 'C:\\chemin\\fichier \\*pas gras\\*',
} as const;

/** About 5,000 characters of real-looking French, in paragraphs. */
export function longNote(): string {
  let text = '';
  for (let i = 0; i < 32; i++) {
    text += `Paragraphe ${i + 1} : les usagers rencontrent des difficultés très concrètes avec les démarches en ligne, qu’il s’agisse de créer un compte ou de retrouver un mot de passe.`;
    text += i % 4 === 3 ? '\n\n' : ' ';
  }
  return text.trim();
}

export function buildHostileSession(): SessionContent {
  const groups = [
    { id: 'groupe-1', name: '<i>Groupe</i> **1** [x](javascript:y)' },
    { id: 'groupe-2', name: 'Groupe 2 😀 עברית' },
  ];
  const session = {
    id: 'hostile',
    title: 'Séance <b>R&D</b> "guillemets" \'apostrophes\' # titre',
    questions: [HOSTILE.link, HOSTILE.script],
    keyIdeaLimit: 2,
    groups,
    createdAt: Date.UTC(2024, 9, 1, 8, 0),
    settings: { date: '2024-10-01' },
  };
  const rooms: Record<string, Uint8Array> = {};
  const plenary = new Y.Doc();
  initPlenary(plenary);

  const one = new Y.Doc();
  initBoard(one, { groupId: 'groupe-1', name: groups[0]!.name });
  const cluster = createCluster(one, { id: 'c1', label: `# ${HOSTILE.script}`, x: 0, y: 0 });
  let i = 0;
  for (const [key, text] of Object.entries(HOSTILE)) {
    createNote(one, { id: `h-${key}`, text, x: 16 + (i % 3) * 228, y: 60 + Math.floor(i / 3) * 180, author: i === 0 ? HOSTILE.link : `Auteur ${HOSTILE.emphasis}`, createdAt: 1000 + i, cluster: i < 9 ? cluster : null, color: 'blue' });
    i++;
  }
  createNote(one, { id: 'long', text: longNote(), x: 900, y: 0, author: 'Anne', createdAt: 5000 });
  markKeyIdea(one, { text: `**Idée** <u>clé</u> ${HOSTILE.link}` }, 2, { id: 'k1' });
  markKeyIdea(one, { noteId: 'h-controls' }, 2, { id: 'k2' });
  rooms['groupe-1'] = Y.encodeStateAsUpdate(one);
  pushKeyIdeas(plenary, { groupId: 'groupe-1', name: groups[0]!.name, pushedAt: Date.UTC(2024, 9, 1, 9, 0), keyIdeas: effectiveKeyIdeas(one, 2) });

  const two = new Y.Doc();
  initBoard(two, { groupId: 'groupe-2', name: groups[1]!.name });
  createNote(two, { id: 'rtl', text: HOSTILE.rtl, x: 0, y: 0, author: 'نور', createdAt: 1 });
  rooms['groupe-2'] = Y.encodeStateAsUpdate(two);

  const theme = createTheme(plenary, { id: 't1', label: '[thème](http://evil.example) <script>' });
  setThemeSynthesis(plenary, theme, `${HOSTILE.table}\n${HOSTILE.heading}`);
  addIdeaToTheme(plenary, theme, plenaryIdeaId('groupe-1', 'k1'));
  rooms['plenary'] = Y.encodeStateAsUpdate(plenary);
  return { session, rooms };
}
