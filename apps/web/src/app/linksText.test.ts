import { describe, expect, it } from 'vitest';

import { absoluteUrl, allLinksText } from './linksText.js';

const links = [
  { name: 'Groupe 1', url: 'https://concerto.example/s/abc/groupe-1#token=t1' },
  { name: 'Groupes 6 et 7', url: 'https://concerto.example/s/abc/groupes-6-et-7#token=t2' },
  { name: 'Salle principale', url: 'https://concerto.example/s/abc/salle-principale#token=t3' },
];

describe('« Copier tous les liens »', () => {
  it('gives one line per group, ready for the chat, with a no-break space before the colon in French', () => {
    expect(allLinksText(links, 'fr')).toBe([
      'Groupe 1\u00a0: https://concerto.example/s/abc/groupe-1#token=t1',
      'Groupes 6 et 7\u00a0: https://concerto.example/s/abc/groupes-6-et-7#token=t2',
      'Salle principale\u00a0: https://concerto.example/s/abc/salle-principale#token=t3',
    ].join('\n'));
  });

  it('uses the English colon in English', () => {
    expect(allLinksText(links.slice(0, 1), 'en')).toBe('Groupe 1: https://concerto.example/s/abc/groupe-1#token=t1');
  });

  it('makes relative links absolute', () => {
    expect(absoluteUrl('/s/abc/groupe-1#token=x', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/s/abc/groupe-1#token=x');
    expect(absoluteUrl('https://a.example/s/1', 'http://b.example')).toBe('https://a.example/s/1');
  });
});
