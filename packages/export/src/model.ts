/**
 * The compte-rendu as data: what the PDF and the Markdown both print, in the order they print
 * it. Built from the documents with @concerto/board's tolerant readers, with every string made
 * printable (text.ts), so the formats only lay it out.
 */
import * as Y from 'yjs';
import { effectiveKeyIdeas, listItems, readIdeaFlags, readPlenary, readSheets, readSheetTemplate, sheetSourceNotes, snapshotBoard, voteHistory } from '@concerto/board';
import type { Note, NoteColor, SheetField, SheetFieldKind } from '@concerto/board';
import { frenchDay, frenchTime, isIsoDay, isoDayOf } from './dates.js';
import { readingOrder } from './geometry.js';
import { cleanText, oneLine } from './text.js';
import { PLENARY_ROOM } from './types.js';
import type { SessionContent } from './types.js';
import { readVotes } from './votes.js';

export interface ReportNote {
  id: string;
  text: string;
  author: string;
  color: NoteColor;
  x: number;
  y: number;
  /** the source of one of the group's key ideas */
  keyIdea: boolean;
  /** a session by theme: « ajouté au tour 2 par le groupe B »; null otherwise */
  origin: string | null;
}

export interface ReportCluster {
  id: string;
  /** the label as typed; '' when untitled (formats print « Sans titre ») */
  label: string;
  x: number;
  y: number;
  keyIdea: boolean;
  notes: ReportNote[];
}

/** One zone of a board laid out in zones: its notes, under its question. */
export interface ReportZone {
  id: string;
  title: string;
  /** the guiding question; '' when the zone has none */
  question: string;
  /** the carry-over zone participants do not write in */
  readOnly: boolean;
  /**
   * In the read-only zone: the axis this board took over from earlier concertations (issue 11
   * §3), which the board shows there; the document holds nothing of it. [] elsewhere.
   */
  carriedOver: ReportCarriedOver[];
  clusters: ReportCluster[];
  /** notes of the zone in no cluster, in reading order */
  unclustered: ReportNote[];
}

export interface ReportGroup {
  id: string;
  name: string;
  /** the board's zones in board order, each with its notes; empty on a « Libre » board (then use clusters and unclustered) */
  zones: ReportZone[];
  clusters: ReportCluster[];
  /** notes in no cluster, in reading order */
  unclustered: ReportNote[];
  /** every note, for the picture */
  noteCount: number;
  /** the key ideas that count (the first keyIdeaLimit, per zone on a zoned board), as reformulated by the group */
  keyIdeas: { id: string; text: string; /** the title of the zone it counts in; null on a « Libre » board */ zone: string | null }[];
  /** its action sheets (« fiches actions »), in key idea order, then those of ideas removed since */
  sheets: ReportSheet[];
  /** no note and no key idea: the formats give it one short line, not a section */
  empty: boolean;
}

export interface ReportSheetField {
  id: string;
  /** as the session's template words it; '' for a standard field not renamed (wording.ts names it) */
  label: string;
  kind: SheetFieldKind;
  /** text fields: what was written, trimmed ('' when nothing) */
  text: string;
  /** list fields: one item a line */
  items: string[];
  /** scale fields: 1…4, null for « Non traité » */
  scale: number | null;
}

export interface ReportSheet {
  keyIdeaId: string;
  /** the key idea's text; '' when the idea was removed since (`orphan`) */
  title: string;
  orphan: boolean;
  /** the notes the key idea came from */
  sources: { text: string; author: string }[];
  /** every field of the session's template, in its order */
  fields: ReportSheetField[];
}

export interface ReportIdea {
  id: string;
  text: string;
  groupId: string;
  groupName: string;
  /** null unless the session voted on ideas */
  votes: number | null;
  /** the facilitator's marks (plenary `ideaFlags`): kept out of the projection, or put forward */
  hidden: boolean;
  highlighted: boolean;
}

export interface ReportTheme {
  id: string;
  label: string;
  synthesis: string;
  ideas: ReportIdea[];
  /** null unless the session voted on themes */
  votes: number | null;
}

export interface ReportPlenary {
  themes: ReportTheme[];
  /** shared ideas in no theme, in session group order */
  unthemed: ReportIdea[];
  /** groups whose last share holds at least one idea, with its time */
  shared: { id: string; name: string; pushedAt: number; pushedAtLabel: string }[];
  /** groups that shared nothing: never, or an empty share */
  silent: { id: string; name: string }[];
  /** the session's last dot vote, when it had one (its counts are the ideas' and themes' `votes`) */
  vote: { target: 'ideas' | 'themes'; voters: number; votesPerParticipant: number; open: boolean } | null;
  /** every vote of the session, oldest first */
  votes: ReportVote[];
}

export interface ReportVote {
  /** as the facilitator worded it; '' when they did not */
  question: string;
  target: 'ideas' | 'themes';
  /** null when unknown (a vote found only as ballots in an older archive) */
  votesPerParticipant: number | null;
  /** « 14 h 58 », null when unknown */
  openedAtLabel: string | null;
  closedAtLabel: string | null;
  open: boolean;
  voters: number;
  /** most dots first; `label` is '' for an item deleted since */
  options: { label: string; group: string | null; count: number }[];
}

/** A theme an earlier concertation identified, carried over to this session (issue 11 §3). */
export interface ReportCarriedOver {
  title: string;
  votes: number;
  /** in the order the programme's sessions were attached */
  byTerritory: { territory: string; votes: number }[];
  /** the earlier sessions' themes it came from */
  sources: { label: string; territory: string; votes: number }[];
  /** the group (axis) of this session it opens; null when the session's record names none */
  groupId: string | null;
}

export interface Report {
  title: string;
  /** YYYY-MM-DD: the session's date, else the day it was created */
  day: string;
  /** « 18 septembre 2024 » */
  dayLabel: string;
  questions: string[];
  keyIdeaLimit: number;
  /** what earlier concertations of its programme identified; [] for a session started on its own */
  carriedOver: ReportCarriedOver[];
  groups: ReportGroup[];
  plenary: ReportPlenary;
  stats: { participants: number; notes: number; clusters: number; keyIdeas: number };
}

/** A room's document, decoded in a private Y.Doc; a missing or undecodable room reads as empty. */
export function decodeRoom(state: Uint8Array | undefined): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  if (state !== undefined && state.length > 0) {
    try {
      Y.applyUpdate(doc, state);
    } catch {
      // An archive is validated on import and the server's states decode; whatever else
      // reaches us still renders, as an empty board, rather than failing the whole report.
    }
  }
  return doc;
}

/**
 * Where a note came from in a session by theme (board SPEC R30), in the compte-rendu's words:
 * « ajouté au tour 2 par le groupe B ». Group names come from the record's `rotation.groups`.
 */
export function noteOrigin(note: Pick<Note, 'round' | 'group'>, rotatingGroups: ReadonlyMap<string, string>): string | null {
  if (note.round === undefined && note.group === undefined) return null;
  // A rotating group's note with no round was written before the first round started (R30).
  const when = note.round === undefined ? 'avant le premier tour' : `au tour ${note.round}`;
  if (note.group === undefined) return `ajouté ${when}`;
  const name = oneLine(rotatingGroups.get(note.group) ?? note.group);
  const match = /^groupe\s+(.+)$/i.exec(name);
  return `ajouté ${when} par ${match ? `le groupe ${match[1]}` : name}`;
}

/** id → name of a session's rotating groups (settings `rotation.groups`), read defensively. */
export function rotatingGroupsOf(settings: Record<string, unknown>): Map<string, string> {
  const rotation = settings['rotation'];
  const groups = typeof rotation === 'object' && rotation !== null ? (rotation as { groups?: unknown }).groups : undefined;
  const names = new Map<string, string>();
  if (!Array.isArray(groups)) return names;
  for (const g of groups as unknown[]) {
    const { id, name } = (typeof g === 'object' && g !== null ? g : {}) as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && typeof name === 'string') names.set(id, name);
  }
  return names;
}

function reportNote(note: Note, keyNoteIds: ReadonlySet<string>, rotatingGroups: ReadonlyMap<string, string>): ReportNote {
  return {
    id: note.id,
    text: cleanText(note.text).trim(),
    author: oneLine(note.author),
    color: note.color,
    x: note.x,
    y: note.y,
    keyIdea: keyNoteIds.has(note.id),
    origin: noteOrigin(note, rotatingGroups),
  };
}

export function buildSheets(doc: Y.Doc, template: readonly SheetField[]): ReportSheet[] {
  return readSheets(doc).map((sheet) => ({
    keyIdeaId: sheet.keyIdeaId,
    title: cleanText(sheet.title).trim(),
    orphan: sheet.orphan,
    sources: sheetSourceNotes(doc, sheet.keyIdeaId).map((n) => ({ text: cleanText(n.text).trim(), author: oneLine(n.author) })),
    fields: template.map((field) => {
      const text = cleanText(sheet.texts[field.id] ?? '').trim();
      return {
        id: field.id,
        label: oneLine(field.label),
        kind: field.kind,
        text: field.kind === 'text' ? text : '',
        items: field.kind === 'list' ? listItems(text) : [],
        scale: field.kind === 'scale' ? (sheet.scales[field.id] ?? null) : null,
      };
    }),
  }));
}

function buildGroup(
  group: { id: string; name: string },
  doc: Y.Doc,
  keyIdeaLimit: number,
  template: readonly SheetField[],
  rotatingGroups: ReadonlyMap<string, string> = new Map(),
  carriedOver: readonly ReportCarriedOver[] = [],
): { group: ReportGroup; authors: string[] } {
  const snapshot = snapshotBoard(doc);
  const keyIdeas = effectiveKeyIdeas(doc, keyIdeaLimit);
  const keyNoteIds = new Set(keyIdeas.flatMap((k) => (k.source.kind === 'note' ? [k.source.id] : [])));
  const keyClusterIds = new Set(keyIdeas.flatMap((k) => (k.source.kind === 'cluster' ? [k.source.id] : [])));
  const notes = snapshot.notes.map((n) => ({ note: n, shown: reportNote(n, keyNoteIds, rotatingGroups) }));
  const clusters: ReportCluster[] = readingOrder(
    snapshot.clusters.map((c) => ({ ...c, createdAt: 0 })),
  ).map((c) => ({
    id: c.id,
    label: oneLine(c.label),
    x: c.x,
    y: c.y,
    keyIdea: keyClusterIds.has(c.id),
    notes: readingOrder(notes.filter((n) => n.note.cluster === c.id).map((n) => ({ ...n.shown, createdAt: n.note.createdAt }))).map(stripCreatedAt),
  }));
  const sheets = buildSheets(doc, template);
  const unclustered = readingOrder(notes.filter((n) => n.note.cluster === null).map((n) => ({ ...n.shown, createdAt: n.note.createdAt }))).map(stripCreatedAt);
  const clusterZones = new Map(snapshot.clusters.map((c) => [c.id, c.zone]));
  const noteZones = new Map(snapshot.notes.map((n) => [n.id, n.zone]));
  const zones: ReportZone[] = snapshot.zones
    .map((zone) => ({
      id: zone.id,
      title: oneLine(zone.title) || zone.id,
      question: cleanText(zone.question).trim(),
      readOnly: zone.readOnly,
      carriedOver: zone.readOnly ? carriedOver.filter((item) => item.groupId === group.id) : [],
      clusters: clusters.filter((c) => clusterZones.get(c.id) === zone.id),
      unclustered: unclustered.filter((n) => noteZones.get(n.id) === zone.id),
    }))
    // A read-only zone shows only what was carried over to this board: with nothing carried
    // (a board made before templates left it out without a démarche, board R25), its section
    // said « Rien n’a été écrit dans cette zone », as if an axis had been lost. The server
    // keeps participants' notes out of it (R11b); any that got there still print.
    .filter((zone) => !zone.readOnly || zone.carriedOver.length > 0 || zone.clusters.length > 0 || zone.unclustered.length > 0);
  const zoneTitles = new Map(zones.map((z) => [z.id, z.title]));
  return {
    group: {
      id: group.id,
      name: oneLine(group.name) || group.id,
      zones,
      clusters,
      unclustered,
      noteCount: snapshot.notes.length,
      keyIdeas: keyIdeas.map((k) => ({ id: k.id, text: cleanText(k.text).trim(), zone: k.zone === null ? null : (zoneTitles.get(k.zone) ?? null) })),
      sheets,
      empty: snapshot.notes.length === 0 && keyIdeas.length === 0 && sheets.length === 0,
    },
    authors: snapshot.notes.map((n) => oneLine(n.author).toLocaleLowerCase('fr')).filter((a) => a !== ''),
  };
}

function stripCreatedAt(note: ReportNote & { createdAt: number }): ReportNote {
  const { createdAt: _createdAt, ...rest } = note;
  return rest;
}

function buildPlenary(content: SessionContent): ReportPlenary {
  const doc = decodeRoom(content.rooms[PLENARY_ROOM]);
  try {
    const groups = content.session.groups;
    const snapshot = readPlenary(doc, groups);
    const tally = readVotes(doc);
    const ideaVotes = tally?.target === 'ideas' ? tally.counts : null;
    const themeVotes = tally?.target === 'themes' ? tally.counts : null;
    const flags = readIdeaFlags(doc);
    const names = new Map(groups.map((g) => [g.id, oneLine(g.name) || g.id]));
    const ideas = new Map<string, ReportIdea>();
    for (const group of snapshot.groups) {
      for (const idea of group.keyIdeas) {
        ideas.set(idea.id, {
          id: idea.id,
          text: cleanText(idea.text).trim(),
          groupId: group.id,
          groupName: names.get(group.id) ?? group.id,
          votes: ideaVotes === null ? null : (ideaVotes.get(idea.id) ?? 0),
          hidden: flags.get(idea.id)?.hidden ?? false,
          highlighted: flags.get(idea.id)?.highlighted ?? false,
        });
      }
    }
    const placed = new Set<string>();
    const themes = snapshot.themes.map((theme) => ({
      id: theme.id,
      label: oneLine(theme.label),
      synthesis: cleanText(theme.synthesis).trim(),
      votes: themeVotes === null ? null : (themeVotes.get(theme.id) ?? 0),
      ideas: theme.ideaIds.flatMap((id) => {
        const idea = ideas.get(id);
        if (idea === undefined) return [];
        placed.add(id);
        return [idea];
      }),
    }));
    // A share that held no idea (or only empty ones) shared nothing.
    const sharedSomething = (g: (typeof snapshot.groups)[number]) =>
      g.pushedAt !== null && g.keyIdeas.some((idea) => cleanText(idea.text).trim() !== '');
    return {
      themes,
      unthemed: [...ideas.values()].filter((idea) => !placed.has(idea.id)),
      shared: snapshot.groups.flatMap((g) =>
        g.pushedAt === null || !sharedSomething(g) ? [] : [{ id: g.id, name: names.get(g.id) ?? g.id, pushedAt: g.pushedAt, pushedAtLabel: frenchTime(g.pushedAt) }],
      ),
      silent: snapshot.groups.filter((g) => !sharedSomething(g)).map((g) => ({ id: g.id, name: names.get(g.id) ?? g.id })),
      votes: voteHistory(doc, groups).map((v) => ({
        question: oneLine(v.question),
        target: v.target,
        votesPerParticipant: v.votesPerParticipant,
        openedAtLabel: v.openedAt === null ? null : frenchTime(v.openedAt),
        closedAtLabel: v.closedAt === null ? null : frenchTime(v.closedAt),
        open: v.open,
        voters: v.voters,
        options: v.options.map((o) => ({ label: oneLine(o.label), group: o.group === null ? null : oneLine(o.group), count: o.count })),
      })),
      vote: tally === null ? null : { target: tally.target, voters: tally.voters, votesPerParticipant: tally.votesPerParticipant, open: tally.open },
    };
  } finally {
    doc.destroy();
  }
}

/** The session's action sheet template, kept in the plenary document. */
export function readTemplate(content: SessionContent): SheetField[] {
  const doc = decodeRoom(content.rooms[PLENARY_ROOM]);
  try {
    return readSheetTemplate(doc);
  } finally {
    doc.destroy();
  }
}

export function buildReport(content: SessionContent): Report {
  const { session } = content;
  const authors = new Set<string>();
  const template = readTemplate(content);
  const carriedOver: ReportCarriedOver[] = (session.carriedOver ?? []).map((item) => ({
    title: oneLine(item.title),
    votes: item.votes,
    byTerritory: item.byTerritory.map((t) => ({ territory: oneLine(t.territory), votes: t.votes })),
    sources: item.source.themes.map((t) => ({ label: oneLine(t.label), territory: oneLine(t.territory), votes: t.votes })),
    groupId: item.groupId ?? null,
  }));
  const groups = session.groups.map((group) => {
    const doc = decodeRoom(content.rooms[group.id]);
    try {
      const built = buildGroup(group, doc, session.keyIdeaLimit, template, rotatingGroupsOf(session.settings), carriedOver);
      for (const author of built.authors) authors.add(author);
      return built.group;
    } finally {
      doc.destroy();
    }
  });
  const date = session.settings['date'];
  const day = isIsoDay(date) ? date : isoDayOf(session.createdAt);
  return {
    title: oneLine(session.title) || 'Séance sans titre',
    day,
    dayLabel: frenchDay(day),
    questions: session.questions.map((q) => cleanText(q).trim()).filter((q) => q !== ''),
    keyIdeaLimit: session.keyIdeaLimit,
    carriedOver,
    groups,
    plenary: buildPlenary(content),
    stats: {
      participants: authors.size,
      notes: groups.reduce((sum, g) => sum + g.noteCount, 0),
      clusters: groups.reduce((sum, g) => sum + g.clusters.length, 0),
      keyIdeas: groups.reduce((sum, g) => sum + g.keyIdeas.length, 0),
    },
  };
}
