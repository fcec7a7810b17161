/**
 * Running a session (issue "Facilitator console and plenary"): the timer, phases, the
 * projectors' focus, locks, sharing every group's key ideas, and dot votes.
 *
 * Control state lives in the plenary document's `control` map, written here by the server
 * only, so every canvas, console and projector sees it live. Locks are also kept in the
 * session record (they must survive a restart and are enforced on every connection).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  addTimerTime,
  axisCounts,
  archiveVote,
  castVote,
  newId,
  readBallot,
  readControl,
  setControl,
  startTimer,
  stopTimer,
  tallyVotes,
  voteRecord,
  withdrawVote,
} from '@concerto/board';
import type { RotationState } from '@concerto/board';
import { ErrorCode, PLENARY_ROOM } from '@concerto/contract';
import { ApiError } from '../errors.js';
import type { HttpDeps } from '../http.js';
import { pushGroups } from '../plenaryService.js';
import { SERVER_ORIGIN } from '../room.js';
import type { Room } from '../room.js';
import { authorize, withRoom } from '../routeKit.js';
import type { SessionRecord } from '../storage/index.js';
import { settingsOf, withSettings } from '../settings.js';
import type { RotationSettings } from '../settings.js';
import { describeIssues } from '../validation.js';
import { axisChoiceSchema, ballotSchema, focusSchema, lockSchema, phaseSchema, pushAllSchema, rotationSchema, timerSchema, voteSchema } from './schemas.js';

/** More people than a venue holds: a bound on the record's size, not a product limit. */
const MAX_CHOICES = 2000;

/** What the plenary mirrors of the rounds: the state, and in the action-sheet phase how many chose each axis. */
function rotationMirror(session: SessionRecord, rotation: RotationSettings): RotationState {
  const { groups: _groups, choices, ...state } = rotation;
  return choices === undefined ? state : { ...state, choosing: { counts: axisCounts(choices, session.groups.map((g) => g.id)) } };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ApiError(ErrorCode.badRequest, describeIssues(parsed.error));
  return parsed.data;
}

export function registerControlRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { sessions, rooms, sockets } = deps;
  const FACILITATOR = ['facilitator'] as const;

  /** Writes to the plenary's control state, and answers once it is stored. */
  async function control<T>(session: SessionRecord, write: (plenary: Room, now: number) => T): Promise<T> {
    const result = await withRoom(rooms, session, PLENARY_ROOM, (room) => write(room, Date.now()));
    await rooms.drain();
    return result;
  }

  app.post<{ Params: { id: string } }>('/api/sessions/:id/timer', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const body = parse(timerSchema, request.body);
    return control(session, (room, now) => {
      if (body.action === 'start') startTimer(room.doc, body.seconds * 1000, now, SERVER_ORIGIN);
      else if (body.action === 'add' && !addTimerTime(room.doc, body.seconds * 1000, now, SERVER_ORIGIN)) {
        throw new ApiError(ErrorCode.conflict, 'No timer to extend: start one first.');
      } else if (body.action === 'stop') stopTimer(room.doc, now, SERVER_ORIGIN);
      return { timer: readControl(room.doc).timer, serverTime: now };
    });
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/phase', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const { phase } = parse(phaseSchema, request.body);
    return control(session, (room) => {
      setControl(room.doc, 'phase', phase, SERVER_ORIGIN);
      return { phase };
    });
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/focus', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const focus = parse(focusSchema, request.body);
    return control(session, (room) => {
      setControl(room.doc, 'focus', focus, SERVER_ORIGIN);
      return { focus };
    });
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/lock', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const body = parse(lockSchema, request.body);
    const ids = body.groups === 'all' ? session.groups.map((g) => g.id) : body.groups;
    const unknown = ids.filter((id) => !session.groups.some((g) => g.id === id));
    if (unknown.length > 0) throw new ApiError(ErrorCode.notFound, `No such group: ${unknown.join(', ')}.`);
    const updated = await sessions.update(session.id, (record) => {
      const current = new Set(settingsOf(record).lockedRooms);
      for (const id of ids) {
        if (body.locked) current.add(id);
        else current.delete(id);
      }
      return withSettings(record, { lockedRooms: [...current].sort() });
    });
    if (updated === null) throw new ApiError(ErrorCode.notFound, 'No such session.');
    sockets.applyPolicy(updated);
    const lockedRooms = [...settingsOf(updated).lockedRooms];
    await control(updated, (room) => setControl(room.doc, 'lockedRooms', lockedRooms, SERVER_ORIGIN));
    return { lockedRooms };
  });

  /*
   * Rounds (issue 11 §2). The record is changed first and its rights applied (the group may
   * write on its new board before any page moves there), then the plenary's mirror tells
   * every page, and the timer starts or stops with the round.
   */
  app.post<{ Params: { id: string } }>('/api/sessions/:id/rotation', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const body = parse(rotationSchema, request.body);
    const current = settingsOf(session).rotation;
    if (current === null) throw new ApiError(ErrorCode.conflict, 'This session is organised by group: it has no rounds.');
    if (settingsOf(session).closed) throw new ApiError(ErrorCode.conflict, 'The session is closed.');
    let next: RotationSettings;
    if (body.action === 'choose-axes') {
      // A round under way would lose its last edits (its group's rights end with the rounds).
      if (current.status === 'running') throw new ApiError(ErrorCode.conflict, 'A round is under way: end it before the action-sheet phase.');
      next = { ...current, choices: current.choices ?? {} };
    } else if (body.action === 'resume-rounds') {
      // A phase opened too early: the groups go back to their rounds' boards, people's choices
      // are dropped (they choose again if the phase opens again).
      if (current.choices === undefined) throw new ApiError(ErrorCode.conflict, 'The action-sheet phase has not begun: the rounds go on.');
      const { choices: _dropped, ...rounds } = current;
      next = rounds;
    } else if (current.choices !== undefined) {
      throw new ApiError(ErrorCode.conflict, 'The rounds are over: each person chooses their axis now.');
    } else if (body.action === 'start') {
      const round = body.round ?? (current.status === 'waiting' ? current.round : current.round + 1);
      if (round > current.rounds) throw new ApiError(ErrorCode.conflict, `Every round is done: the session has ${current.rounds}.`);
      if (round < current.round) throw new ApiError(ErrorCode.conflict, `Round ${round} is over: the groups are at round ${current.round}.`);
      next = { ...current, round, status: 'running' };
    } else {
      if (current.status !== 'running') throw new ApiError(ErrorCode.conflict, 'No round is under way.');
      next = { ...current, status: 'ended' };
    }
    const updated = await sessions.update(session.id, (record) => withSettings(record, { rotation: next }));
    if (updated === null) throw new ApiError(ErrorCode.notFound, 'No such session.');
    sockets.applyPolicy(updated);
    const state = rotationMirror(updated, next);
    return control(updated, (room, now) => {
      setControl(room.doc, 'rotation', state, SERVER_ORIGIN);
      if (body.action === 'start' && body.seconds !== undefined) startTimer(room.doc, body.seconds * 1000, now, SERVER_ORIGIN);
      if (body.action === 'end') stopTimer(room.doc, now, SERVER_ORIGIN);
      return { rotation: state, timer: readControl(room.doc).timer, serverTime: now };
    });
  });

  /*
   * The action-sheet phase (issue 11 §4): a person with their rotating group's link chooses
   * their axis (and may change it). The record keeps person → axis (rights follow it at once,
   * on every live connection); the plenary mirrors how many chose each axis.
   */
  app.post<{ Params: { id: string } }>('/api/sessions/:id/axis', async (request) => {
    const { session, claims } = await authorize(sessions, request, request.params.id);
    const rotation = settingsOf(session).rotation;
    if (claims.role !== 'participant' || claims.groupId === null || !rotation?.groups.some((g) => g.id === claims.groupId)) {
      throw new ApiError(ErrorCode.forbidden, 'Only the link of a rotating group chooses an axis.');
    }
    const body = parse(axisChoiceSchema, request.body);
    if (!session.groups.some((g) => g.id === body.axis)) throw new ApiError(ErrorCode.badRequest, `axis: no axis "${body.axis}" in this session.`);
    if (settingsOf(session).closed) throw new ApiError(ErrorCode.conflict, 'The session is closed.');
    if (rotation.choices === undefined) throw new ApiError(ErrorCode.conflict, 'The action-sheet phase has not begun: the rounds go on.');
    if (!(body.person in rotation.choices) && Object.keys(rotation.choices).length >= MAX_CHOICES) {
      throw new ApiError(ErrorCode.conflict, `This session already has ${MAX_CHOICES} people choosing an axis.`);
    }
    let next: RotationSettings | null = null;
    const updated = await sessions.update(session.id, (record) => {
      const latest = settingsOf(record).rotation;
      if (latest?.choices === undefined) return record;
      next = { ...latest, choices: { ...latest.choices, [body.person]: body.axis } };
      return withSettings(record, { rotation: next });
    });
    if (updated === null) throw new ApiError(ErrorCode.notFound, 'No such session.');
    if (next === null) throw new ApiError(ErrorCode.conflict, 'The action-sheet phase has not begun: the rounds go on.');
    sockets.applyPolicy(updated);
    const state = rotationMirror(updated, next);
    return control(updated, (room) => {
      setControl(room.doc, 'rotation', state, SERVER_ORIGIN);
      return { axis: body.axis, counts: state.choosing?.counts ?? {} };
    });
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/push', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const body = parse(pushAllSchema, request.body);
    const ids = body.groups ?? session.groups.map((g) => g.id);
    // Groups with nothing written are left as they were, and named in `skipped`.
    return pushGroups(rooms, session, ids, { skipEmpty: true });
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/vote', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, FACILITATOR);
    const body = parse(voteSchema, request.body);
    return control(session, (room, now) => {
      const current = readControl(room.doc).vote;
      if (body.action === 'open') {
        // The vote it replaces stays in the compte-rendu: recorded before control.vote moves on.
        if (current !== null) {
          const ended = current.open ? { ...current, open: false, closedAt: now } : current;
          archiveVote(room.doc, voteRecord(room.doc, ended, session.groups), SERVER_ORIGIN);
        }
        const vote = {
          id: newId(), question: body.question ?? '', open: true, votesPerParticipant: body.votesPerParticipant,
          target: body.target, openedAt: now, closedAt: null,
        };
        setControl(room.doc, 'vote', vote, SERVER_ORIGIN);
        return { vote };
      }
      if (current === null || !current.open) throw new ApiError(ErrorCode.conflict, 'No vote is open.');
      const vote = { ...current, open: false, closedAt: now };
      setControl(room.doc, 'vote', vote, SERVER_ORIGIN);
      archiveVote(room.doc, voteRecord(room.doc, vote, session.groups), SERVER_ORIGIN);
      return { vote };
    });
  });

  app.post<{ Params: { id: string } }>('/api/sessions/:id/vote/ballot', async (request) => {
    const { session } = await authorize(sessions, request, request.params.id, ['facilitator', 'participant']);
    const body = parse(ballotSchema, request.body);
    return control(session, (room) => {
      const vote = readControl(room.doc).vote;
      if (vote === null || !vote.open) throw new ApiError(ErrorCode.conflict, 'The vote is closed.');
      const limit = vote.votesPerParticipant;
      // The event loop runs one handler at a time: the check and the write cannot interleave.
      if (body.action === 'add' && !castVote(room.doc, vote.id, body.participantId, body.itemId, limit, SERVER_ORIGIN)) {
        throw new ApiError(ErrorCode.conflict, `You have used your ${limit} votes. Take one back to vote again.`);
      }
      if (body.action === 'remove') withdrawVote(room.doc, vote.id, body.participantId, body.itemId, SERVER_ORIGIN);
      const mine = readBallot(room.doc, vote.id, body.participantId, limit);
      const { counts } = tallyVotes(room.doc, vote.id, limit);
      return { voteId: vote.id, mine, remaining: limit - mine.length, counts: Object.fromEntries(counts) };
    });
  });
}
