import { describe, expect, it } from 'vitest';
import type { CreateSessionResponse } from '@concerto/contract';

import { findSavedSession, forgetSession, loadMySessions, rememberSession } from './mySessions.js';
import { forgetProgramme, loadMyProgrammes, rememberProgramme } from '../programme/myProgrammes.js';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() { return data.size; },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

const created = (id: string, title: string): CreateSessionResponse => ({
  id, title, facilitatorToken: 'f', projectorToken: 'p', groups: [],
  links: { facilitator: `/s/${id}/facilitate#token=f`, projector: `/s/${id}/projection#token=p`, plenary: '', groups: [{ id: 'groupe-1', name: 'Groupe 1', url: `/s/${id}/groupe-1#token=g` }] },
});

describe('« Mes séances »', () => {
  it('remembers sessions newest first, finds one, forgets one', () => {
    const storage = memoryStorage();
    rememberSession(created('a', 'Lancement'), '2024-09-18', 1, storage);
    rememberSession(created('b', 'Atelier'), null, 2, storage);
    expect(loadMySessions(storage).map((s) => s.title)).toEqual(['Atelier', 'Lancement']);
    expect(findSavedSession('a', storage)?.links.groups[0]?.url).toBe('/s/a/groupe-1#token=g');
    forgetSession('b', storage);
    expect(loadMySessions(storage).map((s) => s.id)).toEqual(['a']);
  });

  it('tolerates what another version or a person left in storage', () => {
    const storage = memoryStorage();
    storage.setItem('concerto:my-sessions', '{not json');
    expect(loadMySessions(storage)).toEqual([]);
    storage.setItem('concerto:my-sessions', JSON.stringify([{ id: 1 }, null, created('c', 'Ok')].map((s) => (s && 'links' in s ? { ...s, date: null, savedAt: 0 } : s))));
    expect(loadMySessions(storage).map((s) => s.id)).toEqual(['c']);
    expect(loadMySessions(null)).toEqual([]);
  });
});

describe('« Mes démarches »', () => {
  it('remembers programmes newest first, once each with their latest title, forgets one', () => {
    const storage = memoryStorage();
    rememberProgramme({ id: 'p1', title: 'Démarche' }, '/p/p1#token=a', 1, storage);
    rememberProgramme({ id: 'p2', title: 'Autre' }, '/p/p2#token=b', 2, storage);
    rememberProgramme({ id: 'p1', title: 'Feuille de route inclusion numérique' }, '/p/p1#token=a', 3, storage);
    expect(loadMyProgrammes(storage).map((p) => [p.id, p.title])).toEqual([['p1', 'Feuille de route inclusion numérique'], ['p2', 'Autre']]);
    forgetProgramme('p1', storage);
    expect(loadMyProgrammes(storage).map((p) => p.id)).toEqual(['p2']);
    // Sessions and programmes are two lists.
    expect(loadMySessions(storage)).toEqual([]);
    storage.setItem('concerto:my-programmes', JSON.stringify([{ id: 'x', title: 'sans lien' }, null]));
    expect(loadMyProgrammes(storage)).toEqual([]);
  });
});
