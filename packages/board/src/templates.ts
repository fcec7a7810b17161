import type { ZoneSpec } from './zones.js';

/*
 * Board templates (SPEC R25): what a session's rooms start from. The zones are document
 * content, written in the session's language when the room is first initialised; French is
 * the language of the concertations these templates come from.
 */

export const BOARD_TEMPLATE_KINDS = ['libre', 'enjeux-objectifs-actions', 'custom'] as const;
export type BoardTemplateKind = (typeof BOARD_TEMPLATE_KINDS)[number];

/** A session's template: a named one, or the facilitator's own zones (1 to MAX_ZONES, in order). */
export type BoardTemplate =
  | { kind: 'libre' }
  | { kind: 'enjeux-objectifs-actions' }
  | { kind: 'custom'; zones: { title: string; question?: string; keyIdeaLimit?: number }[] };

export const LIBRE_TEMPLATE: BoardTemplate = { kind: 'libre' };

/** The zones of « Enjeux – Objectifs – Actions », the follow-up concertation's board. */
export const ENJEUX_OBJECTIFS_ACTIONS_ZONES: readonly ZoneSpec[] = [
  {
    id: 'precedent',
    title: 'Ce qui a été identifié en concertation précédente',
    question: 'Ce que la concertation précédente a retenu, pour s’appuyer dessus.',
    readOnly: true,
  },
  {
    id: 'enjeux',
    title: 'Enjeux',
    question: 'Quels enjeux sont pour nous les plus importants et comment les (re)formulons-nous ?',
  },
  { id: 'objectifs', title: 'Objectifs', question: 'À quoi serons-nous arrivés dans 3 ou 4 ans ?' },
  {
    id: 'actions',
    title: 'Actions',
    question: 'Quelles sont les actions à mettre en œuvre ?',
    keyIdeaLimit: 3,
  },
  {
    id: 'prioritaires',
    title: 'Actions prioritaires',
    question: 'Quelles sont les 3 ou 4 actions prioritaires, reformulées ?',
    keyIdeaLimit: 4,
  },
];

/**
 * The zones a template gives a room; none for « Libre » (and for anything unreadable).
 * `carriesOver: false` (the room carries no axis over from an earlier concertation: a session
 * created without a démarche, or its « Salle principale ») leaves out the read-only zone, whose
 * only content is the carried-over axis: an empty « Ce qui a été identifié en concertation
 * précédente » read as if something had been lost (SPEC R25).
 */
export function templateZones(template: BoardTemplate | null | undefined, options: { carriesOver?: boolean } = {}): ZoneSpec[] {
  if (template === null || template === undefined) return [];
  if (template.kind === 'enjeux-objectifs-actions') {
    return ENJEUX_OBJECTIFS_ACTIONS_ZONES.filter((zone) => options.carriesOver !== false || zone.readOnly !== true).map((zone) => ({ ...zone }));
  }
  if (template.kind !== 'custom') return [];
  return template.zones.map((zone, index) => ({
    id: `zone-${index + 1}`,
    title: zone.title,
    question: zone.question ?? '',
    ...(zone.keyIdeaLimit !== undefined ? { keyIdeaLimit: zone.keyIdeaLimit } : {}),
  }));
}

/** The zone of « Enjeux – Objectifs – Actions » whose key ideas are the priority actions. */
export const PRIORITY_ACTIONS_ZONE = 'prioritaires';

/**
 * Whether a key idea opens an action sheet (issue 11 §4, SPEC S6): on a board with the
 * « Actions prioritaires » zone, only the key ideas of that zone (they are the priority
 * actions); on any other board (« Libre », custom zones), every key idea.
 */
export function takesActionSheet(zones: readonly { id: string }[], idea: { zone: string | null }): boolean {
  return !zones.some((zone) => zone.id === PRIORITY_ACTIONS_ZONE) || idea.zone === PRIORITY_ACTIONS_ZONE;
}
