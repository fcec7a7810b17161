/**
 * The compte-rendu's sentences, shared by the PDF and the Markdown so both say the same thing
 * in the product's words (shared/WORDING.md): séance, groupe, regroupement, idée clé, plénière,
 * thème. French typography: a no-break space before « : », narrow ones inside guillemets.
 */
import { SHEET_SCALE_MAX } from '@concerto/board';
import type { Report, ReportCarriedOver, ReportGroup, ReportIdea, ReportVote } from './model.js';

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
  emptyGroups: 'Groupes sans contribution',
  votes: 'Votes',
  goneTheme: '(thème supprimé depuis)',
  goneIdea: '(idée retirée depuis)',
  sheets: 'Fiches actions',
  sheetSources: 'Notes d’origine',
  sheetEmptyField: '(non renseigné)',
  notTreated: 'Non traité',
  carriedOver: 'Ce qui a été identifié en concertation précédente',
  carriedOverLead: 'Les axes repris des séances précédentes de la démarche, avec leurs votes par territoire. Ils ouvrent cette séance.',
  carriedOverSources: 'Thèmes d’origine',
  emptyZone: 'Rien n’a été écrit dans cette zone.',
  readOnlyZone: 'Repris de la concertation précédente.',
} as const;

/** The standard fields of an action sheet, as the workshops' paper sheet words them (board DEFAULT_SHEET_FIELDS). */
export const SHEET_FIELD_WORDS: Readonly<Record<string, string>> = {
  stakes: 'Synthèse des enjeux',
  description: 'Description de l’action et étapes de mise en œuvre',
  inThreeYears: 'Dans 3 ans nous aurons réalisé / entre les mains',
  partners: 'Partenaires et acteurs concernés',
  drivers: `Qui est directement intéressé à faire avancer cela${NBSP}?`,
  conditions: 'Conditions de réussite',
  indicators: 'Indicateurs de réussite',
  feasibility: 'Faisabilité',
  impact: 'Impact',
};

/** A field's heading: the facilitator's label, else the standard wording, else « Sans titre ». */
export function sheetFieldLabel(field: { id: string; label: string }): string {
  return field.label || SHEET_FIELD_WORDS[field.id] || WORDS.untitled;
}

/** « Fiche action : « Former les aidants » » */
export function sheetTitle(sheet: { title: string; orphan: boolean }): string {
  return `Fiche action${NBSP}: ${sheet.orphan ? WORDS.goneIdea : quoted(sheet.title || WORDS.untitled)}`;
}

/** « 3 sur 4 », or « Non traité » */
export function scaleLine(scale: number | null): string {
  return scale === null ? WORDS.notTreated : `${scale} sur ${SHEET_SCALE_MAX}`;
}

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

/** « 6 groupes n’ont rien partagé : Groupe 5, … » (null when all shared, or none did: the lead says so). */
export function silentGroups(report: Report): string | null {
  const silent = report.plenary.silent;
  if (silent.length === 0 || report.plenary.shared.length === 0) return null;
  const who = silent.length === 1 ? `1${NBSP}groupe n’a` : `${silent.length}${NBSP}groupes n’ont`;
  return `${who} rien partagé${NBSP}: ${silent.map((g) => g.name).join(', ')}.`;
}

/** One short line for the groups with no note and no key idea, instead of a page each. */
export function emptyGroupsLine(groups: readonly ReportGroup[]): string | null {
  if (groups.length === 0) return null;
  const names = groups.map((g) => g.name).join(', ');
  return groups.length === 1
    ? `Ce groupe n’a écrit aucune note ni choisi d’idée clé${NBSP}: ${names}.`
    : `Ces ${groups.length}${NBSP}groupes n’ont écrit aucune note ni choisi d’idée clé${NBSP}: ${names}.`;
}

/** « Vote 2 — Quels thèmes prioriser ? » or « Vote 2 — sur les thèmes » */
export function voteTitle(vote: ReportVote, index: number, total: number): string {
  const name = total > 1 ? `Vote ${index + 1}` : 'Vote';
  return vote.question !== '' ? `${name} — ${vote.question}` : `${name} sur ${vote.target === 'ideas' ? 'les idées' : 'les thèmes'}`;
}

/** « Sur les thèmes, de 14 h 28 à 14 h 32 : 4 personnes ont voté, 3 votes chacune. » */
export function voteSummary(vote: ReportVote): string {
  const on = vote.target === 'ideas' ? 'Sur les idées' : 'Sur les thèmes';
  const when = vote.openedAtLabel === null ? ''
    : vote.open ? `, ouvert à ${vote.openedAtLabel}`
      : vote.closedAtLabel === null ? `, à ${vote.openedAtLabel}` : `, de ${vote.openedAtLabel} à ${vote.closedAtLabel}`;
  const each = vote.votesPerParticipant === null ? '' : `, ${votes(vote.votesPerParticipant)} chacune`;
  const still = vote.open ? ' (vote encore ouvert à l’export)' : '';
  return `${on}${when}${NBSP}: ${plural(vote.voters, 'personne a', 'personnes ont')} voté${each}${still}.`;
}

/** « 12 autres idées n’ont reçu aucun vote. » for the options left out of the list. */
export function unvotedLine(vote: ReportVote): string | null {
  const none = vote.options.filter((o) => o.count === 0).length;
  if (none === 0) return null;
  const what = vote.target === 'ideas' ? ['autre idée', 'autres idées'] : ['autre thème', 'autres thèmes'];
  return none === 1 ? `1${NBSP}${what[0]} n’a reçu aucun vote.` : `${none}${NBSP}${what[1]} n’ont reçu aucun vote.`;
}

/** One option of a vote: its label (or what became of it), then « Groupe 3 · 6 votes ». */
export function voteOption(vote: ReportVote, option: ReportVote['options'][number]): { text: string; byline: string } {
  const text = option.label !== '' ? option.label : vote.target === 'themes' ? WORDS.goneTheme : WORDS.goneIdea;
  return { text, byline: [...(option.group === null ? [] : [option.group]), votes(option.count)].join(' · ') };
}

export function votes(count: number): string {
  return `${count}${NBSP}vote${count > 1 ? 's' : ''}`;
}

/** « 12 votes : NORD 5, OUEST 4, SUD 3 » (the programme page's words) */
export function carriedOverVotes(item: Pick<ReportCarriedOver, 'votes' | 'byTerritory'>): string {
  const detail = item.byTerritory.map((t) => `${t.territory}${NBSP}${t.votes}`).join(', ');
  return detail === '' ? votes(item.votes) : `${votes(item.votes)}${NBSP}: ${detail}`;
}

/** « « Accompagner les publics » (NORD, 5 votes) » */
export function carriedOverSource(source: ReportCarriedOver['sources'][number]): string {
  return `${quoted(source.label || WORDS.untitled)} (${source.territory}, ${votes(source.votes)})`;
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

export function exportedLine(exportedAt: string): string {
  return `Document produit par Concerto le ${exportedAt}.`;
}
