// The national office's answers (应急管理部): each programme of the deployment side by side, with what its
// figures rest on. No total across programmes: their standards differ, so their coverages are not one measure.
import * as z from 'zod';
import { code, count, isoDate, share, strict, text } from './common.js';
import { demoNotice, milestoneView, registryRef } from './figures.js';

export const nationProgramme = strict({
  area: strict({ code, name: z.string(), level: z.enum(['province', 'city', 'county']) }),
  programme: strict({ id: z.string(), name: text }),
  standard: strict({
    ref: z.string(),
    title: text,
    rules: z.array(strict({ id: z.string(), kind: z.string(), title: text })),
  }).meta({ description: '该计划的建设标准（在用版本）及其各项规则 / the standard in force in the programme, rule by rule' }),
  registry: registryRef.nullable(),
  asOf: isoDate,
  communities: count,
  teamsRegistered: count,
  teamsMeetingStandard: count,
  coverage: share.meta({ description: '按本计划自己的标准 / by the programme’s own standard' }),
  milestone: milestoneView,
  demo: demoNotice,
}).meta({ id: 'NationProgramme' });

export const nationAnswer = strict({
  asOf: isoDate,
  programmes: z.array(nationProgramme),
  summed: z.literal(false).meta({
    description:
      '各计划的标准不同，覆盖率不相加，并列显示 / the programmes’ standards differ: their coverages are shown side by side, never summed',
  }),
}).meta({ id: 'Nation' });
export type NationAnswer = z.infer<typeof nationAnswer>;
