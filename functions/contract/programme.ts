// The programme as the API describes it: its document, the standard in force with the figures the
// older screens read, every standard version and every programme the book holds.
import * as z from 'zod';
import { programmeDocSchema } from '#core/programme.js';
import { standardSchema } from '#core/standard.js';
import { code, count, instant, isoDate, strict, text } from './common.js';

export const programmeAnswer = programmeDocSchema
  .extend({
    provinceCode: code,
    ruleSet: standardSchema.safeExtend({
      ref: z.string().meta({ description: '标准版本编号，如 gx-2021-v1 / the version’s id, e.g. gx-2021-v1' }),
      params: strict({
        minMembers: count.optional(),
        trainingWithinMonths: count.optional(),
        insuranceCoversEndDate: z.boolean().optional(),
        earliestDate: isoDate,
        insuranceYearsAhead: count,
      }),
    }),
    versions: z.array(
      strict({
        id: z.string(),
        version: z.number().int().min(1),
        ref: z.string(),
        title: text,
        effectiveFrom: isoDate,
        inForce: z.boolean(),
      }),
    ),
    programmes: z.array(
      strict({
        id: z.string(),
        version: z.number().int().min(1),
        name: text,
        start: isoDate,
        end: isoDate.nullable(),
        inForce: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Programme' });
export type ProgrammeAnswer = z.infer<typeof programmeAnswer>;

export const healthAnswer = strict({ ok: z.literal(true), now: instant, today: isoDate });
