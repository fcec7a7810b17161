import { describe, expect, it } from 'vitest';

import { parseSettings } from './settings.js';

describe('session settings: the board template', () => {
  it('reads the templates the API accepts', () => {
    expect(parseSettings({ template: { kind: 'enjeux-objectifs-actions' } }).template).toEqual({ kind: 'enjeux-objectifs-actions' });
    expect(parseSettings({ template: { kind: 'custom', zones: [{ title: 'Forces', question: 'Quoi ?', keyIdeaLimit: 3 }] } }).template)
      .toEqual({ kind: 'custom', zones: [{ title: 'Forces', question: 'Quoi ?', keyIdeaLimit: 3 }] });
  });

  it('reads a record from before templates, or a malformed one, as « Libre » (null), never throwing', () => {
    for (const template of [undefined, null, 'libre', 42, { kind: 'kanban' }, { kind: 'custom' }, { kind: 'custom', zones: [{ question: 'sans titre' }, 7] }]) {
      expect(parseSettings(template === undefined ? {} : { template }).template).toBeNull();
    }
    // Unreadable zones are dropped, readable ones kept.
    expect(parseSettings({ template: { kind: 'custom', zones: [null, { title: 'Freins', keyIdeaLimit: 'deux' }] } }).template)
      .toEqual({ kind: 'custom', zones: [{ title: 'Freins' }] });
  });
});
