// A team's activity log as the API gives it: each event (withdrawn ones marked) with the members who took part
// by name, and over a year the 场次, 人次 and hours by kind and each member's attendance (考勤). No phone.
import * as z from 'zod';
import { ACTIVITY_KINDS } from '#core/practices.js';
import { code, count, instant, isoDate, strict } from './common.js';

const kind = z.enum(ACTIVITY_KINDS).meta({
  description:
    'training 培训；drill 演练；callout 出动（应急处置）；service 服务（服务时长，不含路途）/ training; drill; callout (an emergency response); service (hours served, travel excluded)',
});
const hours = z.number().min(0);
const byKind = strict(Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, count])) as Record<(typeof ACTIVITY_KINDS)[number], typeof count>);

export const activityView = strict({
  id: z.string(),
  kind,
  date: isoDate,
  hours: hours.meta({ description: '每名参加队员的时长（小时）/ the hours each member named took part' }),
  title: z.string(),
  summary: z.string(),
  attendees: z
    .array(strict({ id: z.string(), name: z.string() }))
    .meta({ description: '参加的名册队员（个人信息已删除的，姓名为空）/ the roster members who took part (a blank name: erased)' }),
  recordedAt: instant,
  recordedBy: z.string(),
  withdrawn: strict({ at: instant, by: z.string(), reason: z.string() })
    .nullable()
    .meta({ description: '撤销（记录保留，不再计入）/ withdrawn (kept, no longer counted)' }),
}).meta({ id: 'ActivityEvent' });
export type ActivityView = z.infer<typeof activityView>;

const tally = strict({
  events: count.meta({ description: '场次 / events' }),
  attendances: count.meta({ description: '人次 / attendances' }),
  memberHours: hours.meta({ description: "队员时长合计（小时）/ the members' hours together" }),
});

export const activityAnswer = strict({
  community: code,
  asOf: isoDate,
  period: strict({ from: isoDate, to: isoDate }),
  tally: strict(Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, tally])) as Record<(typeof ACTIVITY_KINDS)[number], typeof tally>),
  attendance: z
    .array(
      strict({
        member: z.string(),
        name: z.string(),
        current: z.boolean(),
        events: count,
        hours,
        byKind,
        last: isoDate.nullable(),
      }),
    )
    .meta({
      description:
        '考勤：期间在队或参加过活动的队员，各自参加的次数与时长 / attendance: the members on the team in the period or who took part, with their events and hours',
    }),
  events: z
    .array(activityView)
    .meta({ description: '期间内的活动，最近的在前（含已撤销）/ the events of the period, latest first (withdrawn ones included)' }),
}).meta({ id: 'ActivityLog' });
export type ActivityAnswer = z.infer<typeof activityAnswer>;
