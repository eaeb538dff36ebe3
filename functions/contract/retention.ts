// Keeping teams up (续期): teams renewed this month, due within 30/60/90 days, lapsed in the last 30.
import * as z from 'zod';
import { code, count, counts, isoDate, strict, text } from './common.js';

const rules = z.array(strict({ id: z.string(), title: text }));
const lapsed = strict({ communityCode: code, lapsedOn: isoDate, rules });
const due = strict({ communityCode: code, holdsUntil: isoDate, rules });
const named = { name: z.string(), townshipName: z.string() };

const figuresShape = {
  asOf: isoDate,
  ruleSetId: z.string(),
  teams: count,
  meeting: count,
  renewedThisMonth: count,
};
const within = counts.meta({ description: '30、60、90 天内到期（累计）/ due within 30, 60, 90 days (cumulative)' });

export const countyRetentionAnswer = strict({
  ...figuresShape,
  lapsed: strict({ days: count, count, byRule: counts, list: z.array(lapsed.extend(named)) }),
  due: strict({ within, byRule: counts, list: z.array(due.extend(named)) }),
}).meta({ id: 'CountyRetention' });
export type CountyRetentionAnswer = z.infer<typeof countyRetentionAnswer>;

export const areaRetentionAnswer = strict({
  area: code,
  counties: count,
  ...figuresShape,
  lapsed: strict({ days: count, count, byRule: counts, list: z.array(lapsed) }),
  due: strict({ within, byRule: counts, list: z.array(due) }),
}).meta({ id: 'AreaRetention' });
export type AreaRetentionAnswer = z.infer<typeof areaRetentionAnswer>;
