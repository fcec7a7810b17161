/**
 * The compte-rendu's sentences, shared by the PDF and the Markdown so both say the same thing
 * in the product's words (shared/WORDING.md): séance, groupe, regroupement, idée clé, plénière,
 * thème. French typography: a no-break space before « : », narrow ones inside guillemets.
 */
import type { Report, ReportGroup, ReportIdea } from './model.js';

export const NBSP = '\u00a0';
const NNBSP = '\u202f';

export const WORDS = {
  kicker: 'Compte-rendu de séance',
  questions: 'Questions',
  groups: 'Groupes',
  clusters: 'Regroupements',
  unclustered: 'Notes sans regroupement',
  keyIdeas: 'Idées clés',
  plenary: 'Plénière',
  unthemed: 'Idées sans thème',
  sharedIdeas: 'Idées partagées',
  untitled: 'Sans titre',
  clusterIsKeyIdea: 'Ce regroupement est une idée clé du groupe.',
  noNotes: 'Ce groupe n’a écrit aucune note.',
  boardCaption: `Le tableau du groupe tel qu’il a été laissé. ★${NBSP}: idée clé.`,
} as const;

const NUMBERS = ['zéro', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];

export function plural(n: number, one: string, many: string): string {
  return `${n}${NBSP}${n > 1 ? many : one}`;
}

/** « « autonomie des usagers » » with the narrow no-break spaces French wants inside. */
export function quoted(text: string): string {
  return `«${NNBSP}${text}${NNBSP}»`;
}

/** « 24 notes · 3 regroupements · 2 idées clés » */
export function groupSummary(group: ReportGroup): string {
  return [
    plural(group.noteCount, 'note', 'notes'),
    plural(group.clusters.length, 'regroupement', 'regroupements'),
    plural(group.keyIdeas.length, 'idée clé', 'idées clés'),
  ].join(' · ');
}

/** « 10 groupes · 312 notes écrites par 42 personnes · … » */
export function sessionSummary(report: Report): string {
  const { stats } = report;
  const written = stats.notes === 0
    ? 'aucune note'
    : `${plural(stats.notes, 'note écrite', 'notes écrites')} par ${plural(stats.participants, 'personne', 'personnes')}`;
  return [
    plural(report.groups.length, 'groupe', 'groupes'),
    written,
    plural(stats.clusters, 'regroupement', 'regroupements'),
    plural(stats.keyIdeas, 'idée clé', 'idées clés'),
  ].join(' · ');
}

/** « Les deux idées clés partagées sont : », as the organisers' written reports put it. */
export function keyIdeasLead(count: number): string {
  if (count === 0) return 'Aucune idée clé n’a été choisie.';
  if (count === 1) return `L’idée clé partagée est${NBSP}:`;
  return `Les ${NUMBERS[count] ?? String(count)} idées clés partagées sont${NBSP}:`;
}

export function plenaryLead(report: Report): string {
  const shared = report.plenary.shared.length;
  if (shared === 0) return 'Aucun groupe n’a partagé ses idées clés en plénière.';
  return `${shared} groupe${shared > 1 ? 's' : ''} sur ${report.groups.length} ${shared > 1 ? 'ont' : 'a'} partagé leurs idées clés en plénière.`;
}

export function silentGroups(report: Report): string | null {
  const silent = report.plenary.silent;
  if (silent.length === 0 || report.plenary.shared.length === 0) return null;
  return `Sans partage${NBSP}: ${silent.map((g) => g.name).join(', ')}.`;
}

export function votes(count: number): string {
  return `${count}${NBSP}vote${count > 1 ? 's' : ''}`;
}

/** « Groupe 3 · 5 votes · mise en avant » */
export function ideaByline(idea: ReportIdea): string {
  return [
    idea.groupName,
    ...(idea.votes === null ? [] : [votes(idea.votes)]),
    ...(idea.highlighted ? ['mise en avant'] : []),
    ...(idea.hidden ? ['masquée en projection'] : []),
  ].join(' · ');
}

/** « Vote sur les idées : 23 personnes, 3 votes chacune. » */
export function voteLine(report: Report): string | null {
  const vote = report.plenary.vote;
  if (vote === null) return null;
  const on = vote.target === 'ideas' ? 'les idées' : 'les thèmes';
  const still = vote.open ? ' (vote encore ouvert à l’export)' : '';
  return `Vote sur ${on}${NBSP}: ${plural(vote.voters, 'personne a', 'personnes ont')} voté, ${votes(vote.votesPerParticipant)} chacune${still}.`;
}

export function exportedLine(exportedAt: string): string {
  return `Document produit par Concerto le ${exportedAt}.`;
}
