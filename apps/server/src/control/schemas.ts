/** Bodies of the facilitator's control calls, parsed at the boundary. */
import { PERSON_ID } from '@concerto/board';
import { z } from 'zod';
import { PHASES } from '@concerto/board';

export const timerSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), seconds: z.number().int().min(1).max(6 * 3600) }).strict(),
  z.object({ action: z.literal('add'), seconds: z.number().int().min(-3600).max(6 * 3600) }).strict(),
  z.object({ action: z.literal('stop') }).strict(),
]);

export const phaseSchema = z.object({ phase: z.enum(PHASES).nullable() }).strict();

export const focusSchema = z.union([
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.enum(['group', 'theme']), id: z.string().min(1).max(120) }).strict(),
]);

export const lockSchema = z
  .object({ groups: z.union([z.literal('all'), z.array(z.string().min(1).max(64)).min(1).max(60)]), locked: z.boolean() })
  .strict();

export const pushAllSchema = z.object({ groups: z.array(z.string().min(1).max(64)).max(60).optional() }).strict();

export const voteSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('open'),
    votesPerParticipant: z.number().int().min(1).max(20),
    target: z.enum(['ideas', 'themes']),
    /** what is asked, kept with the vote in the compte-rendu */
    question: z.string().trim().max(300).optional(),
  }).strict(),
  z.object({ action: z.literal('close') }).strict(),
]);

export const ballotSchema = z
  .object({
    /** a stable anonymous id the participant's device made up (kept in its storage) */
    participantId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    itemId: z.string().min(1).max(200),
    action: z.enum(['add', 'remove']),
  })
  .strict();

/** Rounds of a session organised by theme: start one (with its timer), end it. */
export const rotationSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('start'),
    /** 1-based; default: the current round while it waits, else the next one */
    round: z.number().int().min(1).max(12).optional(),
    /** starts the session's timer for the round */
    seconds: z.number().int().min(1).max(6 * 3600).optional(),
  }).strict(),
  z.object({ action: z.literal('end') }).strict(),
  /** the action-sheet phase (issue 11 §4): the rounds stop, each person chooses their axis */
  z.object({ action: z.literal('choose-axes') }).strict(),
  /** back from the action-sheet phase to the rounds (opened too early): the choices are dropped */
  z.object({ action: z.literal('resume-rounds') }).strict(),
]);

/** A person's choice of axis in the action-sheet phase: their device's id and an axis's board id. */
export const axisChoiceSchema = z.object({
  person: z.string().regex(PERSON_ID, 'person: 8 to 64 letters, digits, - or _'),
  axis: z.string().min(1).max(64),
}).strict();
