// The programme as the API describes it: its document, the standard in force with the figures the
// older screens read, every standard version and every programme the book holds.
import * as z from 'zod';
import { programmeDocSchema } from '#core/programme.js';
import { standardSchema } from '#core/standard.js';
import { code, count, instant, isoDate, strict, text } from './common.js';
import { ref } from './standards.js';

export const programmeAnswer = programmeDocSchema
  .extend({
    provinceCode: code,
    /** The programme's root area: its code, its name and the words its documents use for it (全区, 自治区). */
    area: strict({ code, name: z.string(), words: strict({ whole: z.string(), organiser: z.string(), children: z.string() }) }),
    ruleSet: standardSchema.safeExtend({
      ref,
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
        ref,
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
export type HealthAnswer = z.infer<typeof healthAnswer>;
