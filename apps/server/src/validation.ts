/**
 * HTTP bodies parsed at the boundary into typed values (zod); errors name every bad field.
 */
import { z } from 'zod';
import { ErrorCode } from '@concerto/contract';
import { ApiError } from './errors.js';
import { MAX_ZONES } from '@concerto/board';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** The board every group room starts from (docs/contract.md, `POST /api/sessions` extras). */
export const templateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('libre') }).strict(),
  z.object({ kind: z.literal('enjeux-objectifs-actions') }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      zones: z
        .array(
          z
            .object({
              title: trimmed(80),
              question: z.string().trim().max(300).optional(),
              keyIdeaLimit: z.number().int().min(1).max(10).optional(),
            })
            .strict(),
        )
        .min(1, 'at least one zone')
        .max(MAX_ZONES, `at most ${MAX_ZONES} zones`),
    })
    .strict(),
]);

export const createSessionSchema = z
  .object({
    title: trimmed(200),
    groups: z.array(trimmed(80)).min(1).max(60).optional(),
    questions: z.array(trimmed(1000)).max(20).optional(),
    keyIdeaLimit: z.number().int().min(1).max(10).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-09-18').optional(),
    /** organisation by theme: the axes' boards and the participant groups that rotate over them */
    rotation: z
      .object({
        axes: z.array(trimmed(200)).min(2, 'at least 2 axes: groups rotate between boards').max(12),
        groups: z.array(trimmed(80)).min(1).max(26).optional(),
      })
      .strict()
      .optional(),
    template: templateSchema.optional(),
  })
  .strict()
  .refine((body) => body.rotation === undefined || body.groups === undefined, {
    message: 'give either groups (a session by group) or rotation.axes (a session by theme), not both',
    path: ['groups'],
  });

export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** A body parsed with `schema`, or a 400 naming every bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ApiError(ErrorCode.badRequest, describeIssues(parsed.error), parsed.error.issues);
  return parsed.data;
}
