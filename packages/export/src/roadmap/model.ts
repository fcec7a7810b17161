/**
 * The « feuille de route » of a démarche as data (issue 11 §5): axes with their votes by
 * territory → stakes → objectives → priority actions → their action sheets, each item with
 * where it came from. Pure: the programme's record and its sessions' contents in, the model
 * out; the PDF, the Markdown and the archive only lay it out.
 *
 * The axes are the boards of the follow-up session(s): a session that carried themes over
 * (`carriedOver`) opened one board per theme, and its record keeps each theme's votes by
 * territory and the earlier sessions' themes it came from. The earlier sessions feed the axes
 * through those votes; their own boards are their compte-rendu's business.
 *
 * A démarche with no follow-up yet (only first-round sessions) still gets axes: the themes of
 * its plenaries consolidated as the programme view does (the facilitator's merges, votes of
 * each session's last closed themes vote, by territory), each with the ideas filed under it.
 * That is what the first round decided, and what the follow-up will start from.
 */
import type * as Y from 'yjs';
import { consolidate, effectiveKeyIdeas, plenaryThemeVotes, readPlenary, snapshotBoard } from '@concerto/board';
import type { Cluster, KeyIdea, Note, SheetField, TerritoryTheme, ThemeMerge, Zone } from '@concerto/board';
import { frenchDay, isIsoDay, isoDayOf } from '../dates.js';
import { readingOrder } from '../geometry.js';
import { buildSheets, decodeRoom, readTemplate, rotatingGroupsOf } from '../model.js';
import type { ReportSheet } from '../model.js';
import { cleanText, oneLine } from '../text.js';
import { PLENARY_ROOM } from '../types.js';
import type { SessionContent } from '../types.js';

/** A démarche as its export needs it: the record's words and every attached session with its content. */
export interface ProgrammeContent {
  /** `merges`: the facilitator's merges of themes across sessions (absent: none) */
  programme: { id: string; title: string; createdAt: number; merges?: ThemeMerge[] };
  /** in the order they were attached */
  sessions: { territory: string; date: string | null; content: SessionContent }[];
}

/** Where an item came from: the session (and its territory), and in a session by theme the round and rotating group. */
export interface RoadmapOrigin {
  sessionId: string;
  session: string;
  territory: string;
  /** null when not recorded (a session by group, a regroupement whose notes came from several rounds) */
  round: number | null;
  /** the rotating group's name; null when not recorded */
  group: string | null;
}

/** A stake or an objective: a note, or a regroupement with its notes. */
export interface RoadmapItem {
  id: string;
  kind: 'note' | 'cluster';
  /** the note's text, or the regroupement's label ('' when untitled) */
  text: string;
  /** '' for a regroupement */
  author: string;
  origin: RoadmapOrigin;
  /** a regroupement's notes, in reading order; [] for a note */
  notes: RoadmapItem[];
}

export interface RoadmapAction {
  /** the key idea's id on its board */
  id: string;
  text: string;
  /** the title of the zone it counts in; null on a board without zones */
  zone: string | null;
  origin: RoadmapOrigin;
  /** its action sheet, every field of the session's template; null when none was opened */
  sheet: ReportSheet | null;
}

export interface RoadmapAxis {
  /**
   * `${sessionId}/${groupId}`, or `${sessionId}/#${index}` for a theme that opened no board; for
   * an axis made of plenary themes (`Roadmap.axesFrom` 'themes'), the consolidated theme's id
   */
  id: string;
  title: string;
  votes: number;
  byTerritory: { territory: string; votes: number }[];
  /** the earlier sessions' themes it gathers (`session` is the session's title, '' when it left the démarche) */
  sources: { label: string; territory: string; votes: number; session: string }[];
  /** the follow-up session whose board it is (for plenary themes: the first theme's session, groupId null) */
  origin: { sessionId: string; session: string; territory: string; groupId: string | null };
  stakes: RoadmapItem[];
  objectives: RoadmapItem[];
  /** what the « Actions » zone holds: every action the groups wrote, except those listed in `actions` */
  actionIdeas: RoadmapItem[];
  /** the priority actions: the key ideas chosen (see `priorityIdeas`) */
  actions: RoadmapAction[];
  /** what « Actions prioritaires » holds that is not a chosen priority action: proposed, not yet chosen */
  priorityProposals: RoadmapItem[];
  /** for plenary themes: the ideas filed under them (origin: session, territory, the group that shared it); [] for a board */
  ideas: RoadmapItem[];
  /** sheets of the board that belong to no listed action (an idea removed or not prioritised since): kept, never lost */
  otherSheets: ReportSheet[];
}

export interface RoadmapSession {
  id: string;
  title: string;
  territory: string;
  /** YYYY-MM-DD: the date given when attached, else the session's, else the day it was created */
  day: string;
  dayLabel: string;
  /** a follow-up session carried themes over and holds the axes' boards */
  followUp: boolean;
}

export interface Roadmap {
  programmeId: string;
  title: string;
  sessions: RoadmapSession[];
  /** 'boards': the follow-up sessions' axis boards; 'themes': no follow-up yet, the plenaries' consolidated themes */
  axesFrom: 'boards' | 'themes';
  axes: RoadmapAxis[];
  stats: { axes: number; stakes: number; objectives: number; actionIdeas: number; actions: number; priorityProposals: number; sheets: number };
}

/** What a zone is for in the roadmap. */
type ZoneRole = 'stakes' | 'objectives' | 'actions' | 'priority' | null;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').trim();
}

/**
 * The role of a zone: the template's ids first (« Enjeux – Objectifs – Actions »), else its
 * title, so a facilitator's own zones titled « Enjeux », « Objectifs »… count as well.
 */
export function zoneRole(zone: Pick<Zone, 'id' | 'title' | 'readOnly'>): ZoneRole {
  if (zone.readOnly) return null;
  const byId: Record<string, ZoneRole> = { enjeux: 'stakes', objectifs: 'objectives', actions: 'actions', prioritaires: 'priority' };
  if (byId[zone.id] !== undefined) return byId[zone.id]!;
  const title = fold(zone.title);
  if (/^actions? prioritaires?/.test(title)) return 'priority';
  if (title.startsWith('enjeu')) return 'stakes';
  if (title.startsWith('objectif')) return 'objectives';
  if (title.startsWith('action')) return 'actions';
  return null;
}

interface BoardContext {
  sessionId: string;
  session: string;
  territory: string;
  rotating: ReadonlyMap<string, string>;
}

function originOf(ctx: BoardContext, notes: readonly Pick<Note, 'round' | 'group'>[]): RoadmapOrigin {
  // A regroupement tells its round and group only when all its notes share them.
  const rounds = new Set(notes.map((n) => n.round ?? null));
  const groups = new Set(notes.map((n) => n.group ?? null));
  const round = rounds.size === 1 ? [...rounds][0]! : null;
  const group = groups.size === 1 ? [...groups][0]! : null;
  return {
    sessionId: ctx.sessionId,
    session: ctx.session,
    territory: ctx.territory,
    round,
    group: group === null ? null : oneLine(ctx.rotating.get(group) ?? group),
  };
}

function noteItem(ctx: BoardContext, note: Note): RoadmapItem {
  return { id: note.id, kind: 'note', text: cleanText(note.text).trim(), author: oneLine(note.author), origin: originOf(ctx, [note]), notes: [] };
}

/**
 * A zone's regroupements (each with its notes) then its free notes, each in reading order.
 * `leave`: notes and regroupements listed elsewhere (a chosen priority action's sources); a
 * regroupement left without notes by it goes too.
 */
function zoneItems(
  ctx: BoardContext,
  zoneIds: ReadonlySet<string>,
  notes: readonly Note[],
  clusters: readonly Cluster[],
  leave: ReadonlySet<string> = new Set(),
): RoadmapItem[] {
  const inZone = notes.filter((n) => n.zone !== null && zoneIds.has(n.zone));
  const kept = inZone.filter((n) => !leave.has(n.id));
  const withTime = clusters.filter((c) => c.zone !== null && zoneIds.has(c.zone) && !leave.has(c.id)).map((c) => ({ ...c, createdAt: 0 }));
  const grouped = readingOrder(withTime).flatMap((c): RoadmapItem[] => {
    const all = inZone.filter((n) => n.cluster === c.id);
    const members = readingOrder(kept.filter((n) => n.cluster === c.id));
    if (members.length === 0 && all.length > 0) return [];
    return [{ id: c.id, kind: 'cluster', text: oneLine(c.label), author: '', origin: originOf(ctx, members), notes: members.map((n) => noteItem(ctx, n)) }];
  });
  const free = readingOrder(kept.filter((n) => n.cluster === null)).map((n) => noteItem(ctx, n));
  return [...grouped, ...free];
}

/**
 * The priority actions: the key ideas of the « Actions prioritaires » zone; when it holds none
 * (or the board has no such zone), those of « Actions »; on a board with neither, every key idea.
 */
function priorityIdeas(ideas: readonly KeyIdea[], roles: ReadonlyMap<string, ZoneRole>): KeyIdea[] {
  for (const role of ['priority', 'actions'] as const) {
    const found = ideas.filter((k) => k.zone !== null && roles.get(k.zone) === role);
    if (found.length > 0) return found;
  }
  return [...roles.values()].some((r) => r === 'priority' || r === 'actions') ? [] : [...ideas];
}

type AxisBoard = Pick<RoadmapAxis, 'stakes' | 'objectives' | 'actionIdeas' | 'actions' | 'priorityProposals' | 'otherSheets'>;

const EMPTY_BOARD: AxisBoard = { stakes: [], objectives: [], actionIdeas: [], actions: [], priorityProposals: [], otherSheets: [] };

function readAxisBoard(ctx: BoardContext, doc: Y.Doc, keyIdeaLimit: number, template: readonly SheetField[]): AxisBoard {
  const snapshot = snapshotBoard(doc);
  const roles = new Map(snapshot.zones.map((z) => [z.id, zoneRole(z)]));
  const idsOf = (role: ZoneRole) => new Set(snapshot.zones.filter((z) => roles.get(z.id) === role).map((z) => z.id));
  const notesById = new Map(snapshot.notes.map((n) => [n.id, n]));
  const zoneTitles = new Map(snapshot.zones.map((z) => [z.id, oneLine(z.title) || z.id]));
  const sheets = buildSheets(doc, template);
  const sheetsById = new Map(sheets.map((s) => [s.keyIdeaId, s]));
  // The chosen actions' notes and regroupements: listed with them, not again in their zone.
  // Each item is listed once, under « Actions prioritaires »: that is what the group chose, it
  // carries the reworded text, the action sheet and the origin; its zone lists the rest. This
  // matters when « Actions » key ideas stand in for priority actions (priorityIdeas' fallback):
  // the same action would otherwise be read twice, under « Actions » and « Actions prioritaires ».
  const chosen = new Set<string>();
  const actions = priorityIdeas(effectiveKeyIdeas(doc, keyIdeaLimit), roles).map((idea): RoadmapAction => {
    const { source } = idea;
    if (source.kind === 'note' || source.kind === 'cluster') chosen.add(source.id);
    const sources = source.kind === 'note'
      ? [notesById.get(source.id)].filter((n) => n !== undefined)
      : source.kind === 'cluster'
        ? snapshot.notes.filter((n) => n.cluster === source.id)
        : [];
    for (const note of sources) chosen.add(note.id);
    return {
      id: idea.id,
      text: cleanText(idea.text).trim(),
      zone: idea.zone === null ? null : (zoneTitles.get(idea.zone) ?? null),
      origin: originOf(ctx, sources),
      sheet: sheetsById.get(idea.id) ?? null,
    };
  });
  const listed = new Set(actions.map((a) => a.id));
  return {
    stakes: zoneItems(ctx, idsOf('stakes'), snapshot.notes, snapshot.clusters, chosen),
    objectives: zoneItems(ctx, idsOf('objectives'), snapshot.notes, snapshot.clusters, chosen),
    actionIdeas: zoneItems(ctx, idsOf('actions'), snapshot.notes, snapshot.clusters, chosen),
    actions,
    priorityProposals: zoneItems(ctx, idsOf('priority'), snapshot.notes, snapshot.clusters, chosen),
    otherSheets: sheets.filter((s) => !listed.has(s.keyIdeaId)),
  };
}

function sessionDay(date: string | null, content: SessionContent): string {
  if (isIsoDay(date)) return date;
  const own = content.session.settings['date'];
  return isIsoDay(own) ? own : isoDayOf(content.session.createdAt);
}

/**
 * No follow-up yet: the plenaries' themes, consolidated as the programme view does
 * (board `consolidate`: the merges, then every theme alone, most votes first), each with the
 * ideas its plenary filed under it.
 */
function themeAxes(input: ProgrammeContent, titles: ReadonlyMap<string, string>): RoadmapAxis[] {
  const themes: TerritoryTheme[] = [];
  const ideas = new Map<string, RoadmapItem[]>();
  for (const { territory, content } of input.sessions) {
    const { session } = content;
    const doc = decodeRoom(content.rooms[PLENARY_ROOM]);
    try {
      for (const t of plenaryThemeVotes(doc, session.groups)) themes.push({ sessionId: session.id, territory, ...t });
      const plenary = readPlenary(doc, session.groups);
      const byIdea = new Map(plenary.groups.flatMap((g) => g.keyIdeas.map((idea) => [idea.id, { idea, group: oneLine(g.name) || g.id }] as const)));
      for (const theme of plenary.themes) {
        ideas.set(`${session.id}/${theme.id}`, theme.ideaIds.flatMap((id) => {
          const found = byIdea.get(id);
          if (found === undefined) return [];
          const origin: RoadmapOrigin = { sessionId: session.id, session: titles.get(session.id)!, territory: oneLine(territory), round: null, group: found.group };
          return [{ id, kind: 'note' as const, text: cleanText(found.idea.text).trim(), author: '', origin, notes: [] }];
        }));
      }
    } finally {
      doc.destroy();
    }
  }
  return consolidate(themes, input.programme.merges ?? []).map((theme): RoadmapAxis => {
    const first = theme.sources[0]!;
    return {
      id: theme.id,
      title: oneLine(theme.title),
      votes: theme.votes,
      byTerritory: theme.byTerritory.map((t) => ({ territory: oneLine(t.territory), votes: t.votes })),
      sources: theme.sources.map((t) => ({ label: oneLine(t.label), territory: oneLine(t.territory), votes: t.votes, session: titles.get(t.sessionId) ?? '' })),
      origin: { sessionId: first.sessionId, session: titles.get(first.sessionId) ?? '', territory: oneLine(first.territory), groupId: null },
      ...EMPTY_BOARD,
      ideas: theme.sources.flatMap((t) => ideas.get(`${t.sessionId}/${t.themeId}`) ?? []),
    };
  });
}

export function buildRoadmap(input: ProgrammeContent): Roadmap {
  const titles = new Map(input.sessions.map((s) => [s.content.session.id, oneLine(s.content.session.title) || 'Séance sans titre']));
  const sessions: RoadmapSession[] = input.sessions.map((s) => {
    const day = sessionDay(s.date, s.content);
    return {
      id: s.content.session.id,
      title: titles.get(s.content.session.id)!,
      territory: oneLine(s.territory),
      day,
      dayLabel: frenchDay(day),
      followUp: (s.content.session.carriedOver ?? []).length > 0,
    };
  });
  const axes: RoadmapAxis[] = [];
  for (const { territory, content } of input.sessions) {
    const { session } = content;
    const carried = session.carriedOver ?? [];
    if (carried.length === 0) continue;
    const template = readTemplate(content);
    const ctx: BoardContext = { sessionId: session.id, session: titles.get(session.id)!, territory: oneLine(territory), rotating: rotatingGroupsOf(session.settings) };
    carried.forEach((item, index) => {
      const group = item.groupId === undefined ? undefined : session.groups.find((g) => g.id === item.groupId);
      let board = EMPTY_BOARD;
      if (group !== undefined) {
        const doc = decodeRoom(content.rooms[group.id]);
        try {
          board = readAxisBoard(ctx, doc, session.keyIdeaLimit, template);
        } finally {
          doc.destroy();
        }
      }
      axes.push({
        id: group === undefined ? `${session.id}/#${index}` : `${session.id}/${group.id}`,
        title: oneLine(item.title) || oneLine(group?.name ?? ''),
        votes: item.votes,
        byTerritory: item.byTerritory.map((t) => ({ territory: oneLine(t.territory), votes: t.votes })),
        sources: item.source.themes.map((t) => ({ label: oneLine(t.label), territory: oneLine(t.territory), votes: t.votes, session: titles.get(t.sessionId) ?? '' })),
        origin: { sessionId: session.id, session: ctx.session, territory: ctx.territory, groupId: group?.id ?? null },
        ...board,
        ideas: [],
      });
    });
  }
  const axesFrom = axes.length === 0 ? 'themes' : 'boards';
  if (axesFrom === 'themes') axes.push(...themeAxes(input, titles));
  const count = (pick: (a: RoadmapAxis) => number) => axes.reduce((n, a) => n + pick(a), 0);
  return {
    programmeId: input.programme.id,
    title: oneLine(input.programme.title) || 'Démarche sans titre',
    sessions,
    axesFrom,
    axes,
    stats: {
      axes: axes.length,
      stakes: count((a) => a.stakes.length),
      objectives: count((a) => a.objectives.length),
      actionIdeas: count((a) => a.actionIdeas.length),
      actions: count((a) => a.actions.length),
      priorityProposals: count((a) => a.priorityProposals.length),
      sheets: count((a) => a.actions.filter((x) => x.sheet !== null).length + a.otherSheets.length),
    },
  };
}
