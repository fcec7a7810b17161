import { describe, expect, it } from 'vitest';
import { ENJEUX_OBJECTIFS_ACTIONS_ZONES, templateZones } from '@concerto/board';
import type { KeyIdea, Zone, ZoneSpec } from '@concerto/board';

import { freeKeyIdeaZone } from './keyIdeaBudget.js';

/** Zones as the board reads them from a template's specs. */
const asZones = (specs: readonly ZoneSpec[]): Zone[] =>
  specs.map((spec) => ({ id: spec.id, title: spec.title, question: spec.question, keyIdeaLimit: spec.keyIdeaLimit ?? null, readOnly: spec.readOnly ?? false }));
const zones = asZones(templateZones({ kind: 'enjeux-objectifs-actions' }));
const idea = (id: string, zone: string): KeyIdea => ({ id, text: id, source: { kind: 'none' }, zone });

describe('where a key idea the group types goes', () => {
  it('to « Actions prioritaires » on « Enjeux – Objectifs – Actions », where it gets its action sheet', () => {
    expect(ENJEUX_OBJECTIFS_ACTIONS_ZONES.some((zone) => zone.id === 'prioritaires')).toBe(true);
    expect(freeKeyIdeaZone(zones, [], 2)).toBe('prioritaires');
  });

  it('to the first zone with room once « Actions prioritaires » is full, nowhere when all are', () => {
    const full = ['p1', 'p2', 'p3', 'p4'].map((id) => idea(id, 'prioritaires'));
    expect(freeKeyIdeaZone(zones, full, 2)).toBe('enjeux');
    const everything = [...full, idea('e1', 'enjeux'), idea('e2', 'enjeux'), idea('o1', 'objectifs'), idea('o2', 'objectifs'), idea('a1', 'actions'), idea('a2', 'actions'), idea('a3', 'actions')];
    expect(freeKeyIdeaZone(zones, everything, 2)).toBeUndefined();
  });

  it('to the first zone with room on custom zones, nowhere off zones', () => {
    const custom = asZones(templateZones({ kind: 'custom', zones: [{ title: 'Forces' }, { title: 'Freins' }] }));
    expect(freeKeyIdeaZone(custom, [], 2)).toBe(custom[0]!.id);
    expect(freeKeyIdeaZone([], [], 2)).toBeUndefined();
  });
});
