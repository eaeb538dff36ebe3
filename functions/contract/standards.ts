// Standards (建设标准) as the API shows them: the list with versions and drafts, one version, a draft,
// and what a draft would change (the preview).
import * as z from 'zod';
import { standardSchema } from '#core/standard.js';
import { code, count, instant, isoDate, strict, text } from './common.js';

export const ref = z.string().meta({ description: '标准版本编号，如 gx-2021-v1 / the version’s id, e.g. gx-2021-v1' });

export const standardsAnswer = strict({
  today: isoDate,
  inForce: ref,
  standards: z.array(
    strict({
      id: z.string(),
      usedBy: z.array(z.string()).meta({ description: '采用它的规划 / the programmes that judge by it' }),
      versions: z.array(
        strict({
          version: z.number().int().min(1),
          ref,
          title: text,
          effectiveFrom: isoDate,
          rules: count,
          inForce: z.boolean(),
          shipped: z.boolean().meta({ description: '随系统发布（data/standards）/ shipped with the tracker (data/standards)' }),
          publishedBy: z.string().optional(),
          publishedAt: instant.optional(),
        }),
      ),
      drafts: z.array(
        strict({
          n: z.number().int().min(1),
          title: text,
          createdBy: z.string(),
          createdAt: instant,
          published: strict({ version: z.number().int().min(1), effectiveFrom: isoDate, by: z.string(), at: instant }).nullable(),
        }),
      ),
    }),
  ),
}).meta({ id: 'Standards' });

export const standardVersion = standardSchema.safeExtend({ ref }).meta({ id: 'StandardVersion' });

export const standardDraft = strict({
  id: z.string(),
  n: z.number().int().min(1),
  doc: standardSchema,
  createdBy: z.string(),
  createdAt: instant,
}).meta({ id: 'StandardDraft' });

export const draftPreview = strict({
  asOf: isoDate,
  draft: ref,
  replaces: ref,
  draftNumber: z.number().int().min(1),
  usedBy: z.array(z.string()),
  teams: count,
  meetingBefore: count,
  meetingAfter: count,
  newlyFailing: count,
  newlyMeeting: count,
  byRule: z.array(strict({ ruleId: z.string(), title: text, failing: count, amongNewlyFailing: count, newRule: z.boolean() })),
  byCounty: z.array(
    strict({
      code,
      name: z.string().optional(),
      cityName: z.string().optional(),
      teams: count,
      meetingBefore: count,
      meetingAfter: count,
      newlyFailing: count,
    }),
  ),
}).meta({ id: 'DraftPreview' });
