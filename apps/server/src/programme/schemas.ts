/** Bodies of the programme routes (issue 11 §3), parsed at the boundary. */
import { z } from 'zod';
import { rotationGroupsSchema, templateSchema } from '../validation.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-03-12');
/** NORD, OUEST, « Pays de Redon »…: a short label shown beside every vote count */
const territory = trimmed(60);

export const createProgrammeSchema = z.object({ title: trimmed(200) }).strict();

export const attachSessionSchema = z
  .object({
    sessionId: trimmed(64),
    /** that session's facilitator token: attaching needs both links, the programme's and the session's */
    sessionToken: trimmed(512),
    territory,
    date: date.optional(),
  })
  .strict();

export const mergesSchema = z
  .object({
    revision: z.number().int().min(0),
    merges: z
      .array(
        z
          .object({
            id: trimmed(64),
            title: z.string().max(200),
            members: z.array(trimmed(200)).min(1).max(100),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();

export const carryOverSchema = z
  .object({
    title: trimmed(200),
    territory,
    date: date.optional(),
    /** consolidated theme ids, in the order the new session's axes take */
    themes: z.array(trimmed(200)).min(1).max(12),
    questions: z.array(trimmed(1000)).max(20).optional(),
    /**
     * organisation by theme: the themes are the axes and these groups rotate over them (as
     * `rotation` in POST /api/sessions, its axes given by `themes`); absent: one board per axis
     */
    rotation: z.object({ groups: rotationGroupsSchema.optional() }).strict().optional(),
    /** the axes' boards; absent: « Enjeux – Objectifs – Actions », whose first zone shows what is carried over */
    template: templateSchema.optional(),
  })
  .strict()
  .refine((body) => body.rotation === undefined || body.themes.length >= 2, {
    message: 'at least 2 themes for a session by theme: groups rotate between boards',
    path: ['themes'],
  });
