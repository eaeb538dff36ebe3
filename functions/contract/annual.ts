// A yearly summary (年度总结) as the API shows it: the figures it rests on, its four sections (as
// drafted and as the office wrote them), its state, and for a city or the province its parts'.
import * as z from 'zod';
import { code, count, instant, isoDate, isoMonth, share, strict, text } from './common.js';

const status = z.enum(['submitted', 'draft', 'missing', 'overdue']);
const yearFigures = strict({ communities: count, teamsRegistered: count, teamsMeetingStandard: count, members: count, coverage: share });
const scope = strict({ kind: z.enum(['county', 'city', 'province']), code, name: z.string() });

export const annualFigures = strict({
  year: z.number().int(),
  scope,
  asOfMonth: isoMonth,
  end: yearFigures,
  start: yearFigures.nullable(),
  target: share.nullable(),
  registryVersion: z.number().int().nullable(),
  lapses: count.nullable(),
  registryChanges: count,
  reporting: strict({ onTime: count, late: count, missed: count }),
  failures: z.array(strict({ title: z.string(), teams: count })),
  verification: z.string().nullable(),
  parts: z.array(strict({ code, name: z.string(), status })).optional(),
}).meta({ id: 'AnnualFigures', description: '年度总结所依据的数字 / the figures a yearly summary rests on' });

export const annualAnswer = strict({
  year: z.number().int(),
  scope,
  status,
  words: text,
  due: isoDate,
  canWrite: z.boolean(),
  version: z.number().int().nullable(),
  updatedAt: instant.nullable(),
  updatedBy: z.string().nullable(),
  submittedAt: instant.nullable(),
  submittedBy: z.string().nullable(),
  asOfMonth: isoMonth,
  figures: annualFigures,
  sections: z.array(
    strict({
      id: z.enum(['overview', 'practice', 'problems', 'plans']),
      title: text,
      body: z.string(),
      drafted: z.string().meta({ description: '按数字起草的文字 / the text drafted from the figures' }),
    }),
  ),
  parts: z.array(strict({ code, name: z.string(), status, words: text })).optional(),
  completeness: z.record(status, count).optional(),
}).meta({ id: 'Annual' });
export type AnnualAnswer = z.infer<typeof annualAnswer>;
