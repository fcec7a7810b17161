/**
 * The roadmap's sentences, shared by its PDF and Markdown (the compte-rendu's wording module
 * for everything they have in common: votes, sheets, French typography).
 */
import { NBSP, plural } from '../wording.js';
import type { Roadmap, RoadmapOrigin, RoadmapSession } from './model.js';

export const ROADMAP_WORDS = {
  kicker: 'Feuille de route',
  sessions: 'Les séances de la démarche',
  axes: 'Axes',
  sources: 'Thèmes d’origine',
  stakes: 'Enjeux',
  objectives: 'Objectifs',
  actionIdeas: 'Actions',
  actions: 'Actions prioritaires',
  priorityProposals: 'Proposées, pas encore retenues',
  ideas: 'Idées rangées sous ce thème en plénière',
  otherSheets: 'Autres fiches actions de l’axe',
  noStakes: 'Aucun enjeu n’a été noté.',
  noObjectives: 'Aucun objectif n’a été noté.',
  noActionIdeas: 'Aucune action n’a été notée.',
  noActions: 'Aucune action prioritaire n’a été retenue.',
  noActionsYet: 'Aucune action prioritaire n’a encore été retenue : les propositions du groupe suivent.',
  noIdeas: 'Aucune idée n’a été rangée sous ce thème en plénière.',
  themeAxis: 'Axe issu des plénières : ses enjeux, objectifs et actions s’écriront en séance de suivi.',
  themeAxes: 'Pas encore de séance de suivi : les axes sont les thèmes des plénières, regroupés et comptés comme dans la vue de la démarche, avec leurs votes.',
  noSheet: 'Pas de fiche action pour cette action.',
  noAxes: 'Aucune séance de la démarche n’a encore repris de thèmes : la feuille de route se remplit avec la séance de suivi.',
  emptyItem: '(note vide)',
  untitledAxis: 'Axe sans titre',
} as const;

/**
 * « Concertation de suivi · SUD · tour 2 · Groupe B ». The territory is left out when the
 * session's title already ends with it (« Concertation de suivi — SUD »): said twice, it reads
 * as a mistake.
 */
export function originLine(origin: RoadmapOrigin): string {
  const territory = origin.territory.trim();
  const named = territory !== '' && origin.session.trim().toLocaleLowerCase('fr').endsWith(territory.toLocaleLowerCase('fr'));
  return [
    origin.session,
    named ? '' : origin.territory,
    ...(origin.round === null ? [] : [`tour${NBSP}${origin.round}`]),
    ...(origin.group === null ? [] : [origin.group]),
  ].filter((part) => part !== '').join(' · ');
}

/** « NORD · 12 mars 2025 · séance de suivi » */
export function sessionLine(session: RoadmapSession): string {
  return [session.territory, session.dayLabel, ...(session.followUp ? ['séance de suivi (axes)'] : [])].filter((p) => p !== '').join(' · ');
}

/** « 3 séances · 3 axes · 3 enjeux · 3 objectifs · 4 actions · 3 actions prioritaires · 1 proposée, pas encore retenue · 1 fiche action » */
export function roadmapSummary(roadmap: Roadmap): string {
  const { stats } = roadmap;
  if (roadmap.axesFrom === 'themes') {
    // Before a follow-up, zones are not written yet: their zero counts would only be noise.
    const ideas = roadmap.axes.reduce((n, axis) => n + axis.ideas.length, 0);
    return [plural(roadmap.sessions.length, 'séance', 'séances'), plural(stats.axes, 'axe', 'axes'), plural(ideas, 'idée', 'idées')].join(' · ');
  }
  return [
    plural(roadmap.sessions.length, 'séance', 'séances'),
    plural(stats.axes, 'axe', 'axes'),
    plural(stats.stakes, 'enjeu', 'enjeux'),
    plural(stats.objectives, 'objectif', 'objectifs'),
    plural(stats.actionIdeas, 'action', 'actions'),
    plural(stats.actions, 'action prioritaire', 'actions prioritaires'),
    ...(stats.priorityProposals === 0 ? [] : [plural(stats.priorityProposals, 'proposée, pas encore retenue', 'proposées, pas encore retenues')]),
    plural(stats.sheets, 'fiche action', 'fiches actions'),
  ].join(' · ');
}
