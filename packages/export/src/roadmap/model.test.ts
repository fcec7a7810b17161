import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIdeaToTheme, archiveVote, createNote, createTheme, initBoard, initPlenary, listNotes, markKeyIdea, plenaryIdeaId, pushKeyIdeas } from '@concerto/board';
import { buildRoadmapContent, ROADMAP_AXES, ROADMAP_SHEET } from '../fixtures/roadmap.js';
import { buildRoadmap, zoneRole } from './model.js';
import type { ProgrammeContent } from './model.js';

describe('buildRoadmap', () => {
  const roadmap = buildRoadmap(buildRoadmapContent());

  it('lists the démarche’s sessions, the follow-up one marked', () => {
    expect(roadmap.title).toBe('Feuille de route de l’inclusion numérique');
    expect(roadmap.sessions.map((s) => [s.territory, s.day, s.followUp])).toEqual([
      ['NORD', '2025-03-12', false],
      ['OUEST', '2025-03-19', false],
      ['SUD', '2025-06-17', true],
    ]);
  });

  it('gives each carried-over axis its votes by territory and source themes, in the follow-up session’s order', () => {
    expect(roadmap.axes.map((a) => a.title)).toEqual(ROADMAP_AXES.map((a) => a.title));
    const [first] = roadmap.axes;
    expect(first!.votes).toBe(9);
    expect(first!.byTerritory).toEqual([{ territory: 'NORD', votes: 5 }, { territory: 'OUEST', votes: 4 }]);
    expect(first!.sources).toEqual([
      { label: 'Accompagner les publics éloignés', territory: 'NORD', votes: 5, session: 'Concertation de lancement — NORD' },
      { label: 'Équiper les foyers modestes', territory: 'OUEST', votes: 4, session: 'Concertation de lancement — OUEST' },
    ]);
    expect(first!.origin).toEqual({ sessionId: 'suivi', session: 'Concertation de suivi — SUD', territory: 'SUD', groupId: 'axe-1' });
  });

  it('reads stakes and objectives from their zones, with the round and rotating group they came from', () => {
    const [first, second] = roadmap.axes;
    expect(first!.stakes).toHaveLength(1);
    const cluster = first!.stakes[0]!;
    expect(cluster).toMatchObject({ kind: 'cluster', text: 'Accès et accompagnement' });
    expect(cluster.notes.map((n) => n.text)).toEqual([...ROADMAP_AXES[0].enjeux]);
    expect(cluster.origin).toMatchObject({ session: 'Concertation de suivi — SUD', territory: 'SUD', round: 1, group: 'Groupe A' });
    expect(first!.objectives.map((o) => [o.text, o.origin.round, o.origin.group])).toEqual([['Chaque commune a un lieu d’accueil numérique repéré', 2, 'Groupe C']]);
    // Round 1 on axis 2 is group B's (group i visits axis (i + round − 1) mod 3).
    expect(second!.stakes.map((s) => [s.kind, s.text, s.author, s.origin.round, s.origin.group])).toEqual([['note', 'Les aidants s’épuisent : reconnaître leur rôle', 'Benoît', 1, 'Groupe B']]);
  });

  it('takes the priority actions from « Actions prioritaires », each with its full sheet', () => {
    const [first, second, third] = roadmap.axes;
    expect(first!.actions.map((a) => a.text)).toEqual(['Ouvrir un lieu d’accueil numérique par bassin de vie d’ici 2027', 'Un prêt de matériel reconditionné géré par les CCAS']);
    expect(first!.actions[0]!.zone).toBe('Actions prioritaires');
    expect(first!.actions[0]!.origin).toMatchObject({ round: 3, group: 'Groupe B' });
    const sheet = first!.actions[0]!.sheet!;
    expect(sheet.fields.map((f) => f.id)).toEqual(['stakes', 'description', 'inThreeYears', 'partners', 'drivers', 'conditions', 'indicators', 'feasibility', 'impact']);
    expect(sheet.fields.find((f) => f.id === 'partners')!.items).toEqual(ROADMAP_SHEET.partners.split('\n'));
    expect(sheet.fields.find((f) => f.id === 'impact')!.scale).toBe(4);
    expect(first!.actions[1]!.sheet).toBeNull();
    expect(second!.actions).toHaveLength(1);
    // Axis 3 chose no priority action: its board's « Actions » are not promoted in its place.
    expect(third!.actions).toEqual([]);
    expect(roadmap.stats).toEqual({ axes: 3, stakes: 3, objectives: 3, actionIdeas: 4, actions: 3, priorityProposals: 0, sheets: 1 });
  });

  it('lists the « Actions » zone, and what « Actions prioritaires » holds unchosen as proposed, never hidden', () => {
    const [first, , third] = roadmap.axes;
    expect(first!.actionIdeas.map((a) => [a.text, a.origin.round])).toEqual(ROADMAP_AXES[0].actions.map((text) => [text, 3]));
    expect(third!.actionIdeas.map((a) => a.text)).toEqual([...ROADMAP_AXES[2].actions]);
    // The chosen ones are not proposed again.
    expect(first!.priorityProposals).toEqual([]);

    // Axis 3's group wrote two priority actions and chose neither, then one of them.
    const content = buildRoadmapContent();
    const followUp = content.sessions[2]!.content;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, followUp.rooms['axe-3']!);
    createNote(doc, { id: 'p1', text: 'Un annuaire partagé des aidants, tenu à jour', x: 0, y: 0, zone: 'prioritaires', author: 'Gaëlle', round: 3, group: 'ga' });
    createNote(doc, { id: 'p2', text: 'Un comité de coordination deux fois par an', x: 0, y: 0, zone: 'prioritaires', author: 'Hugo', round: 3, group: 'ga' });
    const withRoom = (state: Uint8Array): ProgrammeContent => ({
      ...content,
      sessions: [...content.sessions.slice(0, 2), { ...content.sessions[2]!, content: { ...followUp, rooms: { ...followUp.rooms, 'axe-3': state } } }],
    });
    const unchosen = buildRoadmap(withRoom(Y.encodeStateAsUpdate(doc))).axes[2]!;
    expect(unchosen.actions).toEqual([]);
    expect(unchosen.priorityProposals.map((p) => [p.text, p.author, p.origin.group])).toEqual([
      ['Un annuaire partagé des aidants, tenu à jour', 'Gaëlle', 'Groupe A'],
      ['Un comité de coordination deux fois par an', 'Hugo', 'Groupe A'],
    ]);
    markKeyIdea(doc, { noteId: 'p2' }, 3, { id: 'k', zone: 'prioritaires' });
    const one = buildRoadmap(withRoom(Y.encodeStateAsUpdate(doc))).axes[2]!;
    expect(one.actions.map((a) => a.text)).toEqual(['Un comité de coordination deux fois par an']);
    expect(one.priorityProposals.map((p) => p.text)).toEqual(['Un annuaire partagé des aidants, tenu à jour']);
    doc.destroy();
  });

  it('« Actions » key ideas standing in for priority actions are listed once, as priority actions, not again under « Actions »', () => {
    // Axis 3's group chose nothing in « Actions prioritaires » but marked one of its « Actions ».
    const content = buildRoadmapContent();
    const followUp = content.sessions[2]!.content;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, followUp.rooms['axe-3']!);
    const [chosen] = ROADMAP_AXES[2].actions;
    const noteId = listNotes(doc).find((n) => n.text === chosen)!.id;
    createNote(doc, { id: 'a2', text: 'Une charte commune d’accueil', x: 0, y: 400, zone: 'actions', author: 'Hugo', round: 3, group: 'ga' });
    expect(markKeyIdea(doc, { noteId }, 3, { id: 'k' })).toMatchObject({ ok: true });
    const axis = buildRoadmap({
      ...content,
      sessions: [...content.sessions.slice(0, 2), { ...content.sessions[2]!, content: { ...followUp, rooms: { ...followUp.rooms, 'axe-3': Y.encodeStateAsUpdate(doc) } } }],
    }).axes[2]!;
    expect(axis.actions.map((a) => [a.text, a.zone])).toEqual([[chosen, 'Actions']]);
    // The actions not chosen are still listed under « Actions ».
    expect(axis.actionIdeas.map((a) => a.text)).toEqual(['Une charte commune d’accueil']);
    doc.destroy();
  });

  it('zone roles: the template’s ids, else the facilitator’s titles; never the read-only carry-over', () => {
    expect(zoneRole({ id: 'zone-2', title: 'Nos enjeux', readOnly: false })).toBeNull();
    expect(zoneRole({ id: 'zone-2', title: 'Enjeux prioritaires', readOnly: false })).toBe('stakes');
    expect(zoneRole({ id: 'zone-5', title: 'ACTIONS PRIORITAIRES', readOnly: false })).toBe('priority');
    expect(zoneRole({ id: 'zone-3', title: 'Objectifs à 3 ans', readOnly: false })).toBe('objectives');
    expect(zoneRole({ id: 'precedent', title: 'Enjeux identifiés', readOnly: true })).toBeNull();
  });

  it('on a « Libre » axis board, the board’s key ideas are its priority actions; a theme with no board still lists its votes', () => {
    const content = buildRoadmapContent();
    const followUp = content.sessions[2]!.content;
    const doc = new Y.Doc();
    initBoard(doc, { groupId: 'axe-1', name: 'Axe 1' });
    createNote(doc, { id: 'n', text: 'Une idée libre', x: 0, y: 0, author: 'Gaëlle', round: 2, group: 'gc' });
    markKeyIdea(doc, { noteId: 'n' }, 3, { id: 'k' });
    const carried = followUp.session.carriedOver!;
    const changed: ProgrammeContent = {
      ...content,
      sessions: [
        ...content.sessions.slice(0, 2),
        {
          ...content.sessions[2]!,
          content: {
            session: { ...followUp.session, carriedOver: [carried[0]!, { ...carried[1]!, groupId: 'gone' }] },
            rooms: { ...followUp.rooms, 'axe-1': Y.encodeStateAsUpdate(doc) },
          },
        },
      ],
    };
    const built = buildRoadmap(changed);
    expect(built.axes.map((a) => [a.id, a.actions.map((x) => [x.text, x.zone, x.origin.group])])).toEqual([
      ['suivi/axe-1', [['Une idée libre', null, 'Groupe C']]],
      ['suivi/#1', []],
    ]);
    expect(built.axes[1]!.votes).toBe(5);
  });

  it('a démarche with no follow-up session and no plenary theme has its sessions and no axis', () => {
    const content = buildRoadmapContent();
    const built = buildRoadmap({ ...content, sessions: content.sessions.slice(0, 2) });
    expect(built.sessions).toHaveLength(2);
    expect(built.axesFrom).toBe('themes');
    expect(built.axes).toEqual([]);
  });

  it('a démarche with no follow-up session takes its plenaries’ consolidated themes as axes, with their votes and ideas', () => {
    const content = buildRoadmapContent();
    /** An earlier session's plenary: a group shared two ideas, filed under two themes, and a closed themes vote. */
    const plenary = (themes: { id: string; label: string; votes: number; idea: string }[]) => {
      const doc = new Y.Doc();
      initPlenary(doc);
      pushKeyIdeas(doc, { groupId: 'g1', name: 'Groupe 1', pushedAt: 1, keyIdeas: themes.map((t, i) => ({ id: `k${i}`, text: t.idea })) });
      themes.forEach((t, i) => {
        createTheme(doc, { id: t.id, label: t.label });
        addIdeaToTheme(doc, t.id, plenaryIdeaId('g1', `k${i}`));
      });
      archiveVote(doc, {
        id: 'v1', question: '', target: 'themes', votesPerParticipant: 3, openedAt: 1, closedAt: 2, open: false, voters: 4,
        options: themes.map((t) => ({ id: t.id, label: t.label, group: null, count: t.votes })),
      });
      return Y.encodeStateAsUpdate(doc);
    };
    const [nord, ouest] = content.sessions;
    const withPlenary = (s: typeof nord, state: Uint8Array) => ({ ...s!, content: { ...s!.content, rooms: { plenary: state } } });
    const built = buildRoadmap({
      programme: { ...content.programme, merges: [{ id: 'm1', title: 'Axe 1 – Équiper et accompagner', members: ['nord/t1', 'ouest/t1'] }] },
      sessions: [
        withPlenary(nord, plenary([{ id: 't1', label: 'Accompagner les publics', votes: 5, idea: 'Des permanences en mairie' }, { id: 't2', label: 'Former les aidants', votes: 2, idea: 'Une formation certifiante' }])),
        withPlenary(ouest, plenary([{ id: 't1', label: 'Équiper les foyers', votes: 4, idea: 'Prêter des ordinateurs' }])),
      ],
    });
    expect(built.axesFrom).toBe('themes');
    expect(built.axes.map((a) => [a.id, a.title, a.votes, a.byTerritory])).toEqual([
      ['m1', 'Axe 1 – Équiper et accompagner', 9, [{ territory: 'NORD', votes: 5 }, { territory: 'OUEST', votes: 4 }]],
      ['nord/t2', 'Former les aidants', 2, [{ territory: 'NORD', votes: 2 }]],
    ]);
    expect(built.axes[0]!.ideas.map((i) => [i.text, i.origin.territory, i.origin.group])).toEqual([
      ['Des permanences en mairie', 'NORD', 'Groupe 1'],
      ['Prêter des ordinateurs', 'OUEST', 'Groupe 1'],
    ]);
    expect(built.axes[0]!.sources.map((s) => s.session)).toEqual(['Concertation de lancement — NORD', 'Concertation de lancement — OUEST']);
    expect(built.axes[0]!.stakes).toEqual([]);
  });
});
